package dev.starling.connectors.dsn;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one bounce message, an RFC 3464 delivery status notification
 * ({@code multipart/report; report-type=delivery-status}), into one bounce {@link Event} per failed
 * recipient, or into {@link Rejection}s saying why not. The entry point for one message at a time, as
 * the IMAP importer fetches them; {@link DsnReader} applies it to .eml and mbox files.
 *
 * <p>Decisions where the RFC leaves room:
 * <ul>
 *   <li>the address is {@code Original-Recipient} (what we sent to, the subscriber's address) when
 *       present, else {@code Final-Recipient} (which may be a forwarding target);</li>
 *   <li>{@code Status} 5.x.x is a HARD bounce, 4.x.x a SOFT one; but {@code Action: delayed} (and
 *       delivered, relayed, expanded) is a warning or a success, not a bounce, and is rejected with that
 *       reason;</li>
 *   <li>the time is the recipient's {@code Last-Attempt-Date}, else the report's {@code Arrival-Date},
 *       else the bounce's own {@code Date} header;</li>
 *   <li>the detail is {@code Diagnostic-Code} without its type ({@code smtp;}), unfolded and with runs of white space made one space;</li>
 *   <li>the campaign is the first of {@code X-Campaign-Id}, {@code X-Listmonk-Campaign},
 *       {@code X-Mailgun-Tag}, a {@code campaign=} tag in {@code X-SES-MESSAGE-TAGS}, or a
 *       {@code "campaign_id"}/{@code "campaign"} key in {@code X-Mailgun-Variables}, read from the
 *       returned original headers (third part); with none the recipient is rejected, since an event
 *       needs its campaign.</li>
 * </ul>
 */
public final class DsnMessages {

  static final String PROVIDER = "dsn";

  private static final List<String> CAMPAIGN_HEADERS = List.of("X-Campaign-Id", "X-Listmonk-Campaign", "X-Mailgun-Tag");
  private static final Pattern SES_TAG = Pattern.compile("(?:^|[,;\\s])campaign=([^,;\\s]+)");
  private static final Pattern MAILGUN_VAR = Pattern.compile("\"campaign(?:_id)?\"\\s*:\\s*\"?([^\",}]+)\"?");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Session SESSION = Session.getInstance(new Properties());

  private DsnMessages() {}

  /**
   * Reads one message from {@code in} (not closed).
   *
   * @param source the mailbox or file name, for rejections
   * @param number the message's 1-based position in its mailbox or file, used as the rejection's line
   */
  public static List<ReadResult> parse(InputStream in, String source, long number) throws IOException {
    MimeMessage message;
    try {
      message = new MimeMessage(SESSION, in);
    } catch (MessagingException e) {
      return List.of(new Rejection(source, number, "message " + number + " is not a readable e-mail: " + e.getMessage(), ""));
    }
    return parse(message, source, number);
  }

  /** As {@link #parse(InputStream, String, long)}, for a message already fetched (e.g. over IMAP). */
  public static List<ReadResult> parse(MimeMessage message, String source, long number) throws IOException {
    String messageId = header(message, "Message-ID");
    String which = "message " + number + (messageId == null ? "" : " (Message-ID " + messageId + ")");
    try {
      ContentType type = new ContentType(message.getContentType() == null ? "text/plain" : message.getContentType());
      String reportType = type.getParameter("report-type");
      if (!type.match("multipart/report") || reportType == null || !reportType.equalsIgnoreCase("delivery-status")) {
        return List.of(new Rejection(source, number, which
            + " is not a delivery status notification (Content-Type " + type.getBaseType().toLowerCase(Locale.ROOT)
            + (reportType == null ? "" : "; report-type=" + reportType)
            + ", expected multipart/report; report-type=delivery-status)", subject(message)));
      }
      Multipart parts = (Multipart) message.getContent();
      InputStream status = null;
      InternetHeaders original = null;
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
          status = raw(part);
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
            || part.isMimeType("message/global-headers")) {
          try (InputStream o = raw(part)) {
            original = new InternetHeaders(o);
          }
        }
      }
      if (status == null) {
        return List.of(new Rejection(source, number, which + " is a multipart/report without a message/delivery-status part", subject(message)));
      }
      return recipients(status, original, message, source, number, which);
    } catch (MessagingException e) {
      return List.of(new Rejection(source, number, which + " is not a readable delivery status notification: " + e.getMessage(), ""));
    }
  }

  private static List<ReadResult> recipients(InputStream status, InternetHeaders original, MimeMessage message,
      String source, long number, String which) throws MessagingException, IOException {
    List<ReadResult> out = new ArrayList<>();
    try (PushbackInputStream in = new PushbackInputStream(status, 1)) {
      InternetHeaders perMessage = new InternetHeaders(in);
      String campaign = original == null ? null : campaign(original);
      List<InternetHeaders> blocks = new ArrayList<>();
      while (true) {
        int c = in.read();
        while (c == '\r' || c == '\n') {
          c = in.read();
        }
        if (c < 0) {
          break;
        }
        in.unread(c);
        blocks.add(new InternetHeaders(in));
      }
      for (InternetHeaders r : blocks) {
        out.add(recipient(r, perMessage, campaign, original != null, message, source, number, which));
      }
      if (blocks.isEmpty()) {
        out.add(new Rejection(source, number, which + " has a delivery-status part with no per-recipient fields", ""));
      }
    }
    return out;
  }

  private static ReadResult recipient(InternetHeaders r, InternetHeaders perMessage, String campaign, boolean hasOriginal,
      MimeMessage message, String source, long number, String which) throws MessagingException {
    String address = address(field(r, "Original-Recipient"));
    if (address == null) {
      address = address(field(r, "Final-Recipient"));
    }
    String statusCode = field(r, "Status");
    String action = field(r, "Action");
    String raw = "Final-Recipient: " + nullToEmpty(field(r, "Final-Recipient")) + "; Action: " + nullToEmpty(action)
        + "; Status: " + nullToEmpty(statusCode);
    if (address == null) {
      return new Rejection(source, number, which + " has a recipient block without Final-Recipient", raw);
    }
    if (statusCode == null || !statusCode.strip().matches("[245]\\.\\d{1,3}\\.\\d{1,3}.*")) {
      return new Rejection(source, number, which + " recipient " + address
          + ": Status must be an RFC 3463 code like 5.1.1 but was '" + nullToEmpty(statusCode) + "'", raw);
    }
    String a = action == null ? "failed" : action.strip().toLowerCase(Locale.ROOT);
    char cls = statusCode.strip().charAt(0);
    if (!a.equals("failed") || cls == '2') {
      return new Rejection(source, number, which + " recipient " + address + ": Action '" + a + "' with Status "
          + statusCode.strip() + " is not a bounce (only Action: failed with a 4.x.x or 5.x.x status is)", raw);
    }
    if (campaign == null) {
      return new Rejection(source, number, which + " recipient " + address
          + ": no campaign id in the returned headers (looked for " + String.join(", ", CAMPAIGN_HEADERS)
          + ", a campaign= tag in X-SES-MESSAGE-TAGS and X-Mailgun-Variables"
          + (hasOriginal ? ")" : "; the report has no original message or headers part)"), raw);
    }
    long at;
    try {
      at = time(field(r, "Last-Attempt-Date"), field(perMessage, "Arrival-Date"), message);
    } catch (IllegalArgumentException e) {
      return new Rejection(source, number, which + " recipient " + address + ": " + e.getMessage(), raw);
    }
    String diagnostic = field(r, "Diagnostic-Code");
    if (diagnostic != null && diagnostic.indexOf(';') > 0) {
      diagnostic = diagnostic.substring(diagnostic.indexOf(';') + 1);
    }
    try {
      return new Event(EventType.BOUNCE, address, campaign, at, PROVIDER, null, null, null, null,
          cls == '5' ? BounceKind.HARD : BounceKind.SOFT, null, diagnostic == null ? null : diagnostic.strip());
    } catch (IllegalArgumentException e) {
      return new Rejection(source, number, which + " recipient: " + e.getMessage(), raw);
    }
  }

  private static long time(String lastAttempt, String arrival, MimeMessage message) throws MessagingException {
    for (String s : new String[] {lastAttempt, arrival}) {
      if (s != null) {
        return rfc5322(s);
      }
    }
    Date sent = message.getSentDate();
    if (sent == null) {
      throw new IllegalArgumentException("has no time: no Last-Attempt-Date, Arrival-Date or Date header");
    }
    return sent.getTime();
  }

  static long rfc5322(String s) {
    try {
      return new MailDateFormat().parse(s.strip()).getTime();
    } catch (ParseException e) {
      throw new IllegalArgumentException("date must be an RFC 5322 date like 'Tue, 14 Jan 2025 10:00:00 +0000' but was '"
          + s.strip() + "'", e);
    }
  }

  /** The campaign id in the original message's headers, or {@code null}. */
  static String campaign(InternetHeaders h) {
    for (String name : CAMPAIGN_HEADERS) {
      String v = field(h, name);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    String ses = field(h, "X-SES-MESSAGE-TAGS");
    if (ses != null) {
      Matcher m = SES_TAG.matcher(ses);
      if (m.find()) {
        return m.group(1);
      }
    }
    String vars = field(h, "X-Mailgun-Variables");
    if (vars != null) {
      Matcher m = MAILGUN_VAR.matcher(vars);
      if (m.find()) {
        return m.group(1).strip();
      }
    }
    return null;
  }

  /** {@code rfc822; user@example.org} → {@code user@example.org}. */
  private static String address(String typed) {
    if (typed == null) {
      return null;
    }
    int semi = typed.indexOf(';');
    String a = (semi >= 0 ? typed.substring(semi + 1) : typed).strip();
    return a.isEmpty() ? null : a;
  }

  private static String field(InternetHeaders h, String name) {
    String v = h.getHeader(name, null);
    return v == null ? null : WHITESPACE.matcher(MimeUtility.unfold(v)).replaceAll(" ").strip();
  }

  private static String header(MimeMessage m, String name) throws IOException {
    try {
      String v = m.getHeader(name, null);
      return v == null ? null : v.strip();
    } catch (MessagingException e) {
      return null;
    }
  }

  private static String subject(MimeMessage m) {
    try {
      String s = m.getSubject();
      return s == null ? "" : "Subject: " + s;
    } catch (MessagingException e) {
      return "";
    }
  }

  /** The part's body, transfer-decoded but not parsed by a content handler. */
  private static InputStream raw(Part part) throws MessagingException, IOException {
    if (part instanceof jakarta.mail.internet.MimeBodyPart mbp) {
      return mbp.getInputStream();
    }
    return part.getInputStream();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
