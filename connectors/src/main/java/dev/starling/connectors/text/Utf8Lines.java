package dev.starling.connectors.text;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a UTF-8 byte stream, one at a time, each with its number and a problem when it cannot
 * be taken as text. Why not a {@code Reader}: a decoding reader either throws (losing the place and
 * the rest of the file) or replaces bad bytes with U+FFFD, and then two different bad addresses become
 * the same text. Here a line is decoded on its own, so a bad byte costs that line only and is named by
 * its offset.
 *
 * <p>A line ends at {@code \n}; a {@code \r} before it is dropped; a UTF-8 BOM at the start of the
 * stream is skipped (offsets still count it). A line longer than {@code maxLineBytes} is not held: it
 * comes back with only its first {@value #SHOWN} bytes and a problem, and reading goes on after it.
 * Lines of pure ASCII, the bulk of every log, skip the decoder.
 */
public final class Utf8Lines implements Closeable {

  /** How much of an over-long line is kept to show in a rejection. */
  public static final int SHOWN = 80;

  /**
   * One line.
   *
   * @param number 1-based line number
   * @param text the decoded line without its terminator; for a line with a problem, what could be shown
   * @param problem {@code null}, or why the line is not usable text, e.g. {@code not valid UTF-8 at byte 1234}
   */
  public record Line(long number, String text, String problem) {}

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private long bufOffset; // file offset of buf[0]
  private boolean eof;
  private long number;
  private byte[] line = new byte[256];

  public Utf8Lines(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** The next line, or {@code null} at the end of the stream. */
  public Line next() throws IOException {
    int n = 0;
    long start = -1;
    boolean tooLong = false;
    boolean ascii = true;
    while (true) {
      if (pos >= lim) {
        if (!fill()) {
          if (start < 0) {
            return null;
          }
          break;
        }
      }
      if (start < 0) {
        start = bufOffset + pos;
        if (start == 0 && lim - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB
            && (buf[pos + 2] & 0xff) == 0xBF) {
          pos += 3;
          start = 3;
        }
      }
      int from = pos;
      int nl = -1;
      for (int i = pos; i < lim; i++) {
        byte b = buf[i];
        if (b == '\n') {
          nl = i;
          break;
        }
        if (b < 0) {
          ascii = false;
        }
      }
      int end = nl < 0 ? lim : nl;
      pos = nl < 0 ? lim : nl + 1;
      int take = end - from;
      if (!tooLong) {
        if (n + take > maxLineBytes) {
          tooLong = true;
          int keep = Math.max(0, Math.min(take, SHOWN - n));
          append(from, keep, n);
          n = Math.min(n + keep, SHOWN);
        } else {
          append(from, take, n);
          n += take;
        }
      }
      if (nl >= 0) {
        break;
      }
    }
    number++;
    if (!tooLong && n > 0 && line[n - 1] == '\r') {
      n--;
    }
    if (tooLong) {
      return new Line(number, new String(line, 0, n, StandardCharsets.UTF_8),
          "is longer than " + maxLineBytes + " bytes; not read");
    }
    if (ascii) {
      return new Line(number, new String(line, 0, n, StandardCharsets.ISO_8859_1), null);
    }
    return decode(n, start);
  }

  private Line decode(int n, long start) {
    int bad = firstInvalid(line, n);
    if (bad >= 0) {
      return new Line(number, new String(line, 0, n, StandardCharsets.UTF_8), "not valid UTF-8 at byte " + (start + bad));
    }
    return new Line(number, new String(line, 0, n, StandardCharsets.UTF_8), null);
  }

  /**
   * The index of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629: no
   * overlong forms, no surrogates, nothing above U+10FFFF), or -1. A hand loop because the JDK's
   * decoder either replaces silently or, set to report, costs a buffer and a decoder pass per line.
   */
  static int firstInvalid(byte[] b, int n) {
    int i = 0;
    while (i < n) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + need >= n) {
        return i;
      }
      int cp = c & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int d = b[i + k] & 0xff;
        if ((d & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (d & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += need + 1;
    }
    return -1;
  }

  private void append(int from, int len, int at) {
    if (at + len > line.length) {
      byte[] bigger = new byte[Math.max(line.length * 2, at + len)];
      System.arraycopy(line, 0, bigger, 0, at);
      line = bigger;
    }
    System.arraycopy(buf, from, line, at, len);
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    bufOffset += lim;
    pos = 0;
    lim = 0;
    int r;
    while ((r = in.read(buf, 0, buf.length)) == 0) {
      // a stream may return 0; keep asking
    }
    if (r < 0) {
      eof = true;
      return false;
    }
    lim = r;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
