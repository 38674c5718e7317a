package dev.starling.connectors.dsn;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadLimits;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bounce mail from a single .eml message or an mbox file, one message at a time: {@link MailSplitter}
 * cuts the file and keeps the first {@value #KEEP_BYTES} bytes of each message (the rest, usually the
 * returned copy of a large message, is read past and never held); each message goes through
 * {@link DsnMessages#parse(InputStream, String, long)}.
 */
public final class DsnReader implements FactReader {

  /** How much of each message is read: a report and the returned headers fit many times over. */
  static final int KEEP_BYTES = 1 << 20;

  // Subjects of the bounce notices MTAs send, for telling a bounce mailbox from any other mail file.
  private static final Pattern BOUNCE_HINTS = Pattern.compile("multipart/report|mailer-daemon|postmaster@|auto-submitted:"
      + "|^subject: *(undeliverable|undelivered|mail delivery failed|delivery status notification|returned mail"
      + "|failure notice|delivery failure|non ?delivery|abuse report|complaint)", Pattern.MULTILINE);

  private final String source;
  private final MailSplitter messages;
  private final long maxMessageBytes;
  private final Deque<ReadResult> pending = new ArrayDeque<>();
  private long number;

  public DsnReader(InputStream in, String source) {
    this(in, source, ReadLimits.DEFAULTS);
  }

  /** A message over {@link ReadLimits#maxMessageBytes()} is a rejection giving its number and size, not read. */
  public DsnReader(InputStream in, String source, ReadLimits limits) {
    this.maxMessageBytes = limits.maxMessageBytes();
    this.messages = new MailSplitter(in, KEEP_BYTES, maxMessageBytes);
    this.source = source;
  }

  /**
   * Whether {@code head} is an e-mail or an mbox of bounce mail: mail headers, and a report, a
   * mailer-daemon or postmaster sender, an {@code Auto-Submitted} header or a bounce notice's subject.
   */
  public static boolean looksLikeDsn(String head) {
    String h = head.toLowerCase(Locale.ROOT);
    boolean mail = h.startsWith("from ") || h.startsWith("return-path:") || h.startsWith("received:")
        || h.startsWith("delivered-to:") || h.contains("\nmime-version:") || h.startsWith("mime-version:")
        || h.contains("\ncontent-type:");
    return mail && BOUNCE_HINTS.matcher(h).find();
  }

  @Override
  public String contentKind() {
    return "events";
  }

  @Override
  public ReadResult next() throws IOException {
    while (pending.isEmpty()) {
      MailSplitter.Piece message = messages.next();
      if (message == null) {
        return null;
      }
      number++;
      if (isBlank(message.head())) {
        continue;
      }
      if (message.size() > maxMessageBytes) {
        pending.add(new Rejection(source, number, "message " + number + " is " + (messageIsSingle(message) ? "over " : "")
            + ReadLimits.bytes(message.size()) + ", larger than the limit of " + ReadLimits.bytes(maxMessageBytes)
            + " (import.max-message-size); not read", ""));
        continue;
      }
      pending.addAll(DsnMessages.parse(new ByteArrayInputStream(message.head()), source, number));
      if (pending.isEmpty()) {
        pending.add(new Rejection(source, number, "message " + number + " yielded nothing", ""));
      }
    }
    return pending.poll();
  }

  /** A single message is counted only until it is known to be too large, so its size is a lower bound. */
  private boolean messageIsSingle(MailSplitter.Piece message) {
    return message.size() > maxMessageBytes && !messages.isMbox();
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
    messages.close();
  }
}
