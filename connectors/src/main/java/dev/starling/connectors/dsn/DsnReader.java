package dev.starling.connectors.dsn;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Bounce events from a single .eml message or an mbox file, one message at a time: an mbox is split on
 * its {@code From } separator lines (at the start of the file or after a blank line; {@code >From }
 * lines are unquoted one level, as mboxrd writes them), and only the current message is held in memory.
 * Each message goes through {@link DsnMessages#parse(InputStream, String, long)}; a message that is not
 * a DSN is a rejection naming its number and Message-ID.
 */
public final class DsnReader implements FactReader {

  private final String source;
  private final BufferedInputStream in;
  private final Deque<ReadResult> pending = new ArrayDeque<>();
  private boolean mbox;
  private boolean started;
  private boolean eof;
  private long number;
  private byte[] lookahead; // the "From " line that starts the next message, already read

  public DsnReader(InputStream in, String source) {
    this.in = new BufferedInputStream(in, 1 << 16);
    this.source = source;
  }

  /** Whether {@code head} is an e-mail or mbox holding a delivery status notification. */
  public static boolean looksLikeDsn(String head) {
    String h = head.toLowerCase(Locale.ROOT);
    boolean mail = h.startsWith("from ") || h.startsWith("return-path:") || h.startsWith("received:")
        || h.contains("\nmime-version:") || h.startsWith("mime-version:") || h.contains("\ncontent-type:");
    return mail && h.contains("multipart/report") && h.contains("delivery-status");
  }

  @Override
  public String contentKind() {
    return "events";
  }

  @Override
  public ReadResult next() throws IOException {
    while (pending.isEmpty()) {
      byte[] message = nextMessage();
      if (message == null) {
        return null;
      }
      number++;
      if (isBlank(message)) {
        continue;
      }
      pending.addAll(DsnMessages.parse(new ByteArrayInputStream(message), source, number));
      if (pending.isEmpty()) {
        pending.add(new Rejection(source, number, "message " + number + " yielded nothing", ""));
      }
    }
    return pending.poll();
  }

  /** The bytes of the next message without its mbox separator, or {@code null} at the end. */
  private byte[] nextMessage() throws IOException {
    if (eof) {
      return null;
    }
    if (!started) {
      started = true;
      byte[] first = readLine();
      if (first == null) {
        eof = true;
        return null;
      }
      if (startsWith(first, "From ")) {
        mbox = true;
      } else {
        lookahead = first; // a single message: its first line is a header
      }
    }
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    if (lookahead != null) {
      message.write(lookahead);
      lookahead = null;
    }
    boolean previousBlank = false;
    while (true) {
      byte[] line = readLine();
      if (line == null) {
        eof = true;
        return message.toByteArray();
      }
      if (mbox && previousBlank && startsWith(line, "From ")) {
        return message.toByteArray();
      }
      previousBlank = line.length == 1 || (line.length == 2 && line[0] == '\r');
      if (mbox && isQuotedFrom(line)) {
        message.write(line, 1, line.length - 1);
      } else {
        message.write(line);
      }
    }
  }

  /** One line including its terminator, or {@code null} at the end. */
  private byte[] readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) >= 0) {
      line.write(c);
      if (c == '\n') {
        break;
      }
    }
    return line.size() == 0 ? null : line.toByteArray();
  }

  private static boolean isQuotedFrom(byte[] line) {
    int i = 0;
    while (i < line.length && line[i] == '>') {
      i++;
    }
    return i > 0 && line.length - i >= 5 && new String(line, i, 5, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ");
  }

  private static boolean startsWith(byte[] line, String prefix) {
    if (line.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] message) {
    for (byte b : message) {
      if (b != ' ' && b != '\r' && b != '\n' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
