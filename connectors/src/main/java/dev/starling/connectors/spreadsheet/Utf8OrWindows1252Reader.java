package dev.starling.connectors.spreadsheet;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;

/**
 * Decodes bytes as UTF-8 until the first byte sequence that is not valid UTF-8, then as Windows-1252
 * from that byte on. Excel on a Spanish Windows writes "CSV (delimitado por comas)" in Windows-1252
 * and "CSV UTF-8" with a BOM; we cannot know which without reading the file, and reading it twice
 * would break streaming. Everything before the first invalid byte was ASCII or valid UTF-8; a real
 * Windows-1252 text almost never forms valid multi-byte UTF-8 by chance, so what came before decodes
 * identically either way. A leading UTF-8 BOM is dropped.
 */
final class Utf8OrWindows1252Reader extends Reader {

  private static final char[] CP1252 = windows1252Table();

  private final InputStream in;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int lim;
  private boolean eof;
  private boolean windows1252;
  private boolean started;
  private int pendingLow = -1;

  Utf8OrWindows1252Reader(InputStream in) {
    this.in = in;
  }

  /** Whether an invalid UTF-8 sequence has been met and the rest is decoded as Windows-1252. */
  boolean isWindows1252() {
    return windows1252;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!started) {
      started = true;
      fill();
      if (lim - pos >= 3 && (buf[pos] & 0xff) == 0xEF && (buf[pos + 1] & 0xff) == 0xBB && (buf[pos + 2] & 0xff) == 0xBF) {
        pos += 3;
      }
    }
    int n = 0;
    if (pendingLow >= 0) {
      cbuf[off + n++] = (char) pendingLow;
      pendingLow = -1;
    }
    while (n < len) {
      if (lim - pos < 4 && !eof) {
        fill();
      }
      if (pos >= lim) {
        break;
      }
      int b = buf[pos] & 0xff;
      if (b < 0x80) {
        cbuf[off + n++] = (char) b;
        pos++;
        continue;
      }
      if (windows1252) {
        cbuf[off + n++] = CP1252[b];
        pos++;
        continue;
      }
      int cp = utf8At();
      if (cp < 0) {
        windows1252 = true; // decode this very byte again, as Windows-1252
        continue;
      }
      if (cp >= 0x10000) {
        cbuf[off + n++] = Character.highSurrogate(cp);
        char low = Character.lowSurrogate(cp);
        if (n < len) {
          cbuf[off + n++] = low;
        } else {
          pendingLow = low;
        }
      } else {
        cbuf[off + n++] = (char) cp;
      }
    }
    return n == 0 ? -1 : n;
  }

  /** Decodes the multi-byte sequence at {@code pos} and advances past it, or returns -1 if invalid. */
  private int utf8At() {
    int b = buf[pos] & 0xff;
    int need;
    int cp;
    if (b >= 0xC2 && b <= 0xDF) {
      need = 1;
      cp = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
      need = 2;
      cp = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      need = 3;
      cp = b & 0x07;
    } else {
      return -1;
    }
    if (pos + need >= lim) {
      return -1; // truncated at the end of the file
    }
    for (int i = 1; i <= need; i++) {
      int c = buf[pos + i] & 0xff;
      if ((c & 0xC0) != 0x80) {
        return -1;
      }
      cp = (cp << 6) | (c & 0x3F);
    }
    if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return -1;
    }
    pos += need + 1;
    return cp;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    while (lim < 4 && !eof) {
      int r = in.read(buf, lim, buf.length - lim);
      if (r < 0) {
        eof = true;
      } else {
        lim += r;
      }
    }
  }

  private static char[] windows1252Table() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    return new String(all, Charset.forName("windows-1252")).toCharArray();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
