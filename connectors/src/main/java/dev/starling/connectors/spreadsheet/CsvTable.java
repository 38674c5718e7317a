package dev.starling.connectors.spreadsheet;

import dev.starling.connectors.UnreadableSourceException;
import dev.starling.connectors.text.CsvLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A CSV file as exported by spreadsheets and ESPs, read as a stream of rows: UTF-8 with or without a
 * BOM, or Windows-1252 (see {@link Utf8OrWindows1252Reader}); comma, semicolon or tab separated, the
 * separator chosen from the header line; RFC 4180 quoting, so a quoted cell may hold the separator or
 * a line break.
 *
 * <p>Because a quoted cell may hold a line break, a stray quote cannot be told from a long cell until
 * the quote is closed: when it never is (the file ends first) or the row runs past
 * {@value #MAX_RECORD_CHARS} characters, nothing after the quote can be read as rows, and
 * {@link #next()} throws {@link UnreadableSourceException} naming the line where the row began. The
 * caller refuses the file whole; it never ends early with the rest unseen. Lines end at LF, CRLF or a
 * lone CR (classic Mac exports).
 */
public final class CsvTable implements RowSource {

  private static final int HEAD_CHARS = 64 * 1024;
  /** How many lines the separator (and the spreadsheet sniff) look at for a header. */
  static final int HEAD_LINES = 25;
  private static final char[] SEPARATORS = {';', '\t', ','};

  /** The longest row held; a longer one (usually a stray quote) makes the file unreadable. */
  static final int MAX_RECORD_CHARS = 1 << 20;

  private final BufferedReader text;
  private final String source;
  private final char separator;
  private long lineNo;
  private boolean skipLf;

  private CsvTable(BufferedReader text, String source, char separator) {
    this.text = text;
    this.source = source;
    this.separator = separator;
  }

  /**
   * Opens {@code in} and picks the separator: the header line is the first of the first lines that,
   * split by one of {@code ; TAB ,}, has a cell for which {@code isHeaderCell} holds; of the
   * separators that make it so, the one giving the most cells wins. With no such line, the separator
   * most frequent on the first non-blank line wins; comma when there is none.
   */
  public static CsvTable open(InputStream in, String source, Predicate<String> isHeaderCell) throws IOException {
    BufferedReader text = new BufferedReader(new Utf8OrWindows1252Reader(in), HEAD_CHARS * 2);
    text.mark(HEAD_CHARS + 1);
    char[] head = new char[HEAD_CHARS];
    int n = text.read(head, 0, HEAD_CHARS);
    int got = Math.max(n, 0);
    while (n > 0 && got < HEAD_CHARS) {
      n = text.read(head, got, HEAD_CHARS - got);
      got += Math.max(n, 0);
    }
    text.reset();
    return new CsvTable(text, source, detectSeparator(new String(head, 0, got), isHeaderCell));
  }

  static char detectSeparator(String head, Predicate<String> isHeaderCell) {
    String[] lines = head.split("\r?\n", HEAD_LINES + 1);
    String firstNonBlank = null;
    for (int i = 0; i < Math.min(lines.length, HEAD_LINES); i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (firstNonBlank == null) {
        firstNonBlank = line;
      }
      char best = 0;
      int bestCells = 0;
      for (char sep : SEPARATORS) {
        List<String> cells = splitQuoted(line, sep);
        if (cells.size() > bestCells && cells.stream().anyMatch(isHeaderCell)) {
          best = sep;
          bestCells = cells.size();
        }
      }
      if (best != 0) {
        return best;
      }
    }
    if (firstNonBlank == null) {
      return ',';
    }
    char best = ',';
    int bestCount = 0;
    for (char sep : SEPARATORS) {
      int count = splitQuoted(firstNonBlank, sep).size();
      if (count > bestCount) {
        best = sep;
        bestCount = count;
      }
    }
    return best;
  }

  /** Splits one line on {@code sep} outside double quotes, removing the quotes; good enough to sniff. */
  public static List<String> splitQuoted(String line, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == sep && !quoted) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  @Override
  public TableRow next() throws IOException {
    String line;
    do {
      line = readLine();
      if (line == null) {
        return null;
      }
    } while (line.isEmpty());
    long start = lineNo;
    CsvLine row = CsvLine.split(line, separator);
    if (!row.open()) {
      return new TableRow(start, row.fields());
    }
    StringBuilder record = new StringBuilder(line);
    boolean open = true;
    while (open) {
      String more = readLine();
      if (more == null) {
        throw new UnreadableSourceException(source, start, "a quote opened in column " + row.fields().size()
            + " is never closed (a stray quote?): the rest of the file cannot be read as rows");
      }
      record.append('\n').append(more);
      if (record.length() > MAX_RECORD_CHARS) {
        throw tooLong(start);
      }
      open = CsvLine.stillOpen(more, separator);
    }
    return new TableRow(start, CsvLine.split(record.toString(), separator).fields());
  }

  private UnreadableSourceException tooLong(long line) {
    return new UnreadableSourceException(source, line, "a row runs past " + MAX_RECORD_CHARS
        + " characters (a stray quote?): the rest of the file cannot be read as rows");
  }

  /** The next line without its terminator, or null at the end; a line over the limit throws. */
  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    if (skipLf) {
      skipLf = false;
      text.mark(1);
      if ((c = text.read()) != '\n' && c >= 0) {
        text.reset();
      }
    }
    while ((c = text.read()) >= 0) {
      if (c == '\n') {
        lineNo++;
        return sb.toString();
      }
      if (c == '\r') {
        skipLf = true;
        lineNo++;
        return sb.toString();
      }
      if (sb.length() >= MAX_RECORD_CHARS) {
        throw tooLong(lineNo + 1);
      }
      sb.append((char) c);
    }
    if (sb.isEmpty()) {
      return null;
    }
    lineNo++;
    return sb.toString();
  }

  @Override
  public char separator() {
    return separator;
  }

  @Override
  public void close() throws IOException {
    text.close();
  }
}
