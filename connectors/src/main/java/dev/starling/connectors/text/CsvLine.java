package dev.starling.connectors.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One CSV record's text (a line, or lines joined by {@code \n} inside a quoted field) split into
 * fields by RFC 4180 quoting, leniently as spreadsheets write it: a field that starts with a quote is
 * quoted and {@code ""} inside it is one quote; a quote anywhere else is an ordinary character.
 *
 * @param fields the field texts, left to right, quotes removed
 * @param open whether a quoted field is still open at the end of the text: the record goes on over
 *     the next line, or the quote is a stray one
 */
public record CsvLine(List<String> fields, boolean open) {

  /** Splits {@code text} on {@code separator} outside quotes. */
  public static CsvLine split(String text, char separator) {
    // Room for the widest format's row (an event log has 11 columns): the default 10 grew, copying, on
    // every row of a weekly import (a fifth of its reading thread's time).
    List<String> out = new ArrayList<>(16);
    int n = text.length();
    int i = 0;
    while (true) {
      if (i < n && text.charAt(i) == '"') {
        // quoted: "" is one quote; after the closing quote, anything up to the separator is kept as is
        StringBuilder field = new StringBuilder();
        i++;
        boolean closed = false;
        while (i < n) {
          char c = text.charAt(i++);
          if (c == '"') {
            if (i < n && text.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              closed = true;
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (!closed) {
          out.add(field.toString());
          return new CsvLine(Collections.unmodifiableList(out), true);
        }
        int sep = text.indexOf(separator, i);
        int end = sep < 0 ? n : sep;
        field.append(text, i, end);
        out.add(field.toString());
        if (sep < 0) {
          break;
        }
        i = sep + 1;
      } else {
        // unquoted: a quote inside is an ordinary character, so the field is a plain substring
        int sep = text.indexOf(separator, i);
        if (sep < 0) {
          out.add(text.substring(i));
          break;
        }
        out.add(text.substring(i, sep));
        i = sep + 1;
      }
    }
    // A view, not List.copyOf: nothing else holds the list, and the copy was the reader thread's
    // largest single cost on an events file.
    return new CsvLine(Collections.unmodifiableList(out), false);
  }

  /**
   * Whether a quoted field open at the start of {@code line} is still open at its end. It scans only
   * the new line, so a field spread over many lines costs linear time rather than a re-split per line.
   */
  public static boolean stillOpen(String line, char separator) {
    boolean quoted = true;
    boolean fieldStart = false;
    int n = line.length();
    for (int i = 0; i < n; i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && line.charAt(i + 1) == '"') {
            i++;
          } else {
            quoted = false;
          }
        }
      } else if (c == separator) {
        fieldStart = true;
        continue;
      } else if (c == '"' && fieldStart) {
        quoted = true;
      }
      fieldStart = false;
    }
    return quoted;
  }
}
