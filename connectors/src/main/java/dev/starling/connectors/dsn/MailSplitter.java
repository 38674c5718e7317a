package dev.starling.connectors.dsn;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a single .eml file or an mbox into messages, keeping at most {@code keep} bytes of each: a bounce
 * says what it has to say in its first kilobytes (the report, the returned headers), and what follows is
 * often the whole returned message, attachments and all, which is read past, never held. A 1 GB message
 * costs a pass over its bytes and {@code keep} bytes of memory.
 *
 * <p>An mbox is split on its {@code From } lines at the start of the file or after a blank line;
 * {@code >From } lines are unquoted one level, as mboxrd writes them. A file not starting with
 * {@code From } is one message, and reading stops once {@code keep} bytes of it are held.
 */
final class MailSplitter implements Closeable {

  /**
   * One message: its first bytes, whether more followed, and its size in bytes. The size of a single
   * message (not an mbox) is counted only up to {@code stopCountingAt} + 1: past that it is only known
   * to be too large, and the rest is not read.
   */
  record Piece(byte[] head, boolean truncated, long size) {}

  private static final int BUFFER = 1 << 16;

  private final InputStream in;
  private final int keep;
  private final long stopCountingAt;
  private long messageSize;
  private final byte[] buf = new byte[BUFFER];
  private int pos;
  private int lim;
  // the current line: at most `keep` bytes of it are copied into `line`
  private byte[] line = new byte[256];
  private int lineLen;
  private long lineTotal;
  private boolean started;
  private boolean mbox;
  private boolean eof;
  private boolean pendingSeparator; // the "From " line of the next message has been read already

  MailSplitter(InputStream in, int keep) {
    this(in, keep, keep);
  }

  /** @param stopCountingAt a single message is read until it is known to be larger than this */
  MailSplitter(InputStream in, int keep, long stopCountingAt) {
    this.in = in;
    this.keep = keep;
    this.stopCountingAt = Math.max(keep, stopCountingAt);
  }

  /** The next message, or {@code null} at the end. */
  Piece next() throws IOException {
    if (eof) {
      return null;
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream(8192);
    boolean truncated = false;
    messageSize = 0;
    if (!started) {
      started = true;
      if (!readLine()) {
        eof = true;
        return null;
      }
      mbox = startsWith("From ");
      if (!mbox) {
        messageSize += lineTotal;
        truncated = append(message, false);
      }
    } else if (!pendingSeparator) {
      return null;
    }
    pendingSeparator = false;
    boolean previousBlank = false;
    while (true) {
      if (!mbox && messageSize > stopCountingAt) {
        eof = true; // a single message: nothing after this matters
        return new Piece(message.toByteArray(), true, messageSize);
      }
      if (!readLine()) {
        eof = true;
        return new Piece(message.toByteArray(), truncated, messageSize);
      }
      if (mbox && previousBlank && startsWith("From ")) {
        pendingSeparator = true;
        return new Piece(message.toByteArray(), truncated, messageSize);
      }
      messageSize += lineTotal;
      previousBlank = lineTotal == 1 || (lineTotal == 2 && line[0] == '\r');
      truncated = append(message, mbox && isQuotedFrom()) || truncated;
    }
  }

  /** Appends the current line while under the limit; whether anything had to be left out. */
  private boolean append(ByteArrayOutputStream message, boolean unquote) {
    int from = unquote ? 1 : 0;
    int room = keep - message.size();
    int n = lineLen - from;
    if (room <= 0) {
      return true;
    }
    message.write(line, from, Math.min(n, room));
    return n > room || lineTotal > lineLen;
  }

  /** Reads the next line (with its terminator) into {@code line}, keeping at most {@code keep} bytes; false at the end. */
  private boolean readLine() throws IOException {
    lineLen = 0;
    lineTotal = 0;
    while (true) {
      if (pos == lim) {
        lim = in.read(buf, 0, buf.length);
        pos = 0;
        if (lim <= 0) {
          lim = 0;
          return lineTotal > 0;
        }
      }
      int start = pos;
      int end = start;
      while (end < lim && buf[end] != '\n') {
        end++;
      }
      boolean newline = end < lim;
      int stop = newline ? end + 1 : end;
      copy(start, stop - start);
      pos = stop;
      if (newline) {
        return true;
      }
    }
  }

  private void copy(int from, int n) {
    lineTotal += n;
    int room = Math.min(n, keep - lineLen);
    if (room <= 0) {
      return;
    }
    if (lineLen + room > line.length) {
      line = Arrays.copyOf(line, Math.max(lineLen + room, line.length * 2));
    }
    System.arraycopy(buf, from, line, lineLen, room);
    lineLen += room;
  }

  /** Whether the file is an mbox (known once the first message was read). */
  boolean isMbox() {
    return mbox;
  }

  private boolean startsWith(String prefix) {
    if (lineLen < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean isQuotedFrom() {
    int i = 0;
    while (i < lineLen && line[i] == '>') {
      i++;
    }
    if (i == 0 || lineLen - i < 5) {
      return false;
    }
    return line[i] == 'F' && line[i + 1] == 'r' && line[i + 2] == 'o' && line[i + 3] == 'm' && line[i + 4] == ' ';
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
