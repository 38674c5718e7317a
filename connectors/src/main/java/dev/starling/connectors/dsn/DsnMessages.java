package dev.starling.connectors.dsn;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Skipped;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.bounce.BounceRules;
import dev.starling.connectors.bounce.Verdict;
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
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one message of a bounce mailbox into what it says: a bounce {@link Event} per failed recipient,
 * a complaint per complaining recipient, a {@link Skipped} item for what is recognised and not imported,
 * or a {@link Rejection} saying why not. The entry point for one message at a time; {@link DsnReader}
 * applies it to .eml and mbox files.
 *
 * <p>What is read, in this order:
 * <ol>
 *   <li>RFC 5965 feedback reports (ARF, {@code multipart/report} with a {@code message/feedback-report}
 *       part): {@link FeedbackReports};</li>
 *   <li>RFC 3464 delivery status notifications: any {@code multipart/report} with a
 *       {@code message/delivery-status} part, with or without {@code report-type} (Postfix, Sendmail,
 *       Exim 4.8x and later, Exchange and Office 365, Gmail, Yahoo and AOL, Amazon SES);</li>
 *   <li>plain-text bounces: qmail's QSBMF (and Yahoo's older qmail-style notices), Exim's classic
 *       "Mail delivery failed", Sendmail's pre-DSN "permanent fatal errors": {@link PlainBounces};</li>
 *   <li>RFC 3834 auto-replies (vacation and out-of-office notices): skipped, counted.</li>
 * </ol>
 *
 * <p>Decisions where the RFCs leave room, for delivery status notifications:
 * <ul>
 *   <li>the address is {@code Original-Recipient} (what we sent to) when it holds an address, else
 *       {@code Final-Recipient} (which may be a forwarding target);</li>
 *   <li>{@code Action} is its first word ({@code failed (bad destination mailbox address)} is failed);
 *       without one the status class decides. {@code delayed} is a delay warning and {@code delivered},
 *       {@code relayed}, {@code expanded} (or a 2.x.x status) a success notice: both are skipped;</li>
 *   <li>the class (hard, soft, block) comes from {@link BounceRules} over the status, the reply code and
 *       the diagnostic, all three kept on the event;</li>
 *   <li>the time is the recipient's {@code Last-Attempt-Date}, else the report's {@code Arrival-Date},
 *       else the bounce's own {@code Date}: a malformed one falls through to the next;</li>
 *   <li>a recipient named twice in one report is one bounce (the first failed group);</li>
 *   <li>the campaign comes from the returned original headers ({@link ReturnedHeaders#campaign()}); a
 *       bounce without one is kept all the same, with the original's Message-ID, subject and date for
 *       the importer to attach it to a stored send.</li>
 * </ul>
 */
public final class DsnMessages {

  static final String PROVIDER = "dsn";
  private static final Session SESSION = session();
  private static final Pattern MULTILINE_REPLY = Pattern.compile("([245]\\d\\d)-([245]\\.\\d{1,3}\\.\\d{1,3})\\s+");

  private DsnMessages() {}

  /** Where a message came from and how to name it in a reason. */
  record Where(String source, long number, String which, String about, MimeMessage message) {
    Rejection reject(String reason, String raw) {
      return new Rejection(source, number, which + " " + reason, raw);
    }

    Skipped skip(String reason) {
      return new Skipped(source, number, reason, about);
    }
  }

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

  /**
   * As {@link #parse(InputStream, String, long)}, for a message already fetched (e.g. over IMAP). A
   * message whose body cannot be decoded (an unknown Content-Transfer-Encoding, a broken part: Jakarta
   * Mail says so with a plain IOException) is one rejected message, never the end of its mailbox.
   */
  public static List<ReadResult> parse(MimeMessage message, String source, long number) throws IOException {
    try {
      return parseReadable(message, source, number);
    } catch (dev.starling.connectors.UnreadableSourceException e) {
      throw e;
    } catch (IOException e) {
      return List.of(new Rejection(source, number, "message " + number + " is not a readable e-mail: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), ""));
    }
  }

  private static List<ReadResult> parseReadable(MimeMessage message, String source, long number) throws IOException {
    String messageId = header(message, "Message-ID");
    String subject = subject(message);
    Where where = new Where(source, number, "message " + number + (messageId == null ? "" : " (Message-ID " + messageId + ")"),
        (messageId == null ? "" : "Message-ID " + messageId + "; ") + subject, message);
    try {
      ContentType type = contentType(message);
      String body = null;
      if (type.match("multipart/*")) {
        Parts parts = Parts.of(message);
        if (parts.feedback != null) {
          return FeedbackReports.read(parts.feedback, parts.original, where);
        }
        if (parts.status != null) {
          return deliveryStatus(parts.status, parts.original, where);
        }
        if (type.match("multipart/report")) {
          return List.of(where.reject("is a multipart/report without a message/delivery-status or "
              + "message/feedback-report part", subject));
        }
        body = parts.text;
        List<ReadResult> plain = PlainBounces.read(body, parts.original, where);
        if (plain != null) {
          return plain;
        }
      } else if (type.match("text/*")) {
        body = text(message);
        List<ReadResult> plain = PlainBounces.read(body, null, where);
        if (plain != null) {
          return plain;
        }
      }
      if (AutoReplies.isAutoReply(message)) {
        return List.of(where.skip(AutoReplies.REASON));
      }
      return List.of(where.reject("is not a bounce, a complaint or an auto-reply (Content-Type "
          + type.getBaseType().toLowerCase(Locale.ROOT) + (type.getParameter("report-type") == null ? ""
          : "; report-type=" + type.getParameter("report-type")) + "; expected an RFC 3464 delivery status "
          + "notification, an RFC 5965 feedback report, or a qmail, Exim or Sendmail plain-text bounce)", subject));
    } catch (MessagingException e) {
      return List.of(where.reject("is not a readable e-mail: " + e.getMessage(), subject));
    }
  }

  private static List<ReadResult> deliveryStatus(String text, ReturnedHeaders original, Where where) {
    StatusFields.Report report = StatusFields.report(text);
    if (report.recipients().isEmpty()) {
      return List.of(where.reject("has a delivery-status part with no per-recipient fields", ""));
    }
    List<ReadResult> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StatusFields.Group r : report.recipients()) {
      String finalRecipient = r.get("Final-Recipient");
      String statusField = r.get("Status");
      String actionField = r.get("Action");
      String raw = "Final-Recipient: " + nullToEmpty(finalRecipient) + "; Action: " + nullToEmpty(actionField)
          + "; Status: " + nullToEmpty(statusField);
      String address = address(r.get("Original-Recipient"));
      if (address == null) {
        address = typedAddress(finalRecipient);
      }
      if (address == null) {
        out.add(where.reject("has a recipient group without Final-Recipient", raw));
        continue;
      }
      String diagnostic = diagnostic(r.get("Diagnostic-Code"));
      SmtpStatus smtp;
      try {
        smtp = SmtpStatus.of(statusField, diagnostic);
      } catch (IllegalArgumentException e) {
        smtp = null;
      }
      String action = actionField == null ? null : actionField.split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
      if (action == null || action.isEmpty()) {
        action = smtp == null ? "failed" : smtp.statusClass() == 2 ? "delivered" : "failed";
      }
      switch (action) {
        case "delivered", "relayed", "expanded" -> {
          out.add(where.skip("delivery success notice (Action: " + action + ")"));
          continue;
        }
        case "delayed" -> {
          out.add(where.skip("delay warning (Action: delayed)"));
          continue;
        }
        case "failed" -> {
          // below
        }
        default -> {
          out.add(where.reject("recipient " + address + ": Action must be failed, delayed, delivered, relayed or "
              + "expanded but was '" + actionField + "'", raw));
          continue;
        }
      }
      if (smtp == null) {
        out.add(where.reject("recipient " + address + ": Status must be an RFC 3463 code like 5.1.1 but was '"
            + nullToEmpty(statusField) + "'", raw));
        continue;
      }
      if (smtp.statusClass() == 2) {
        out.add(where.skip("delivery success notice (Action: failed with Status " + smtp.enhanced() + ")"));
        continue;
      }
      if (!seen.add(address.toLowerCase(Locale.ROOT))) {
        continue; // one recipient named twice in one report is one bounce
      }
      Long at = firstTime(r.get("Last-Attempt-Date"), report.perMessage().get("Arrival-Date"), where);
      if (at == null) {
        out.add(where.reject("recipient " + address + ": has no time: no readable Last-Attempt-Date, Arrival-Date or "
            + "Date header", raw));
        continue;
      }
      out.add(bounce(where, address, at, smtp, diagnostic, original, raw));
    }
    return out;
  }

  /** A bounce event for one failed recipient, classified by the rule table; a rejection if the address is bad. */
  static ReadResult bounce(Where where, String address, long at, SmtpStatus smtp, String diagnostic,
      ReturnedHeaders original, String raw) {
    Verdict verdict = BounceRules.standard().classify(smtp, diagnostic);
    try {
      return new Event(EventType.BOUNCE, address, original.campaign(), at, PROVIDER, null, null, null, null,
          verdict.kind(), null, diagnostic, smtp, original.message());
    } catch (IllegalArgumentException e) {
      return where.reject("recipient: " + e.getMessage(), raw);
    }
  }

  /** The first readable time of {@code candidates} (RFC 5322 dates), else the message's Date header, else null. */
  static Long firstTime(String lastAttempt, String arrival, Where where) {
    for (String s : new String[] {lastAttempt, arrival}) {
      if (s != null) {
        try {
          return rfc5322(s);
        } catch (IllegalArgumentException e) {
          // a malformed date falls through to the next source of time
        }
      }
    }
    try {
      Date sent = where.message().getSentDate();
      return sent == null ? null : sent.getTime();
    } catch (MessagingException e) {
      return null;
    }
  }

  static long rfc5322(String s) {
    try {
      return new MailDateFormat().parse(s.strip()).getTime();
    } catch (ParseException | RuntimeException e) {
      throw new IllegalArgumentException("date must be an RFC 5322 date like 'Tue, 14 Jan 2025 10:00:00 +0000' but was '"
          + s.strip() + "'", e);
    }
  }

  /**
   * {@code smtp; 550-5.1.1 The email ...  550-5.1.1 double-checking ...} → {@code 550-5.1.1 The email ...
   * double-checking ...}: the type dropped, and the code a multi-line reply repeats on every line said once.
   */
  static String diagnostic(String field) {
    if (field == null) {
      return null;
    }
    String d = field;
    int semi = d.indexOf(';');
    if (semi > 0 && semi < 12 && d.substring(0, semi).strip().matches("[A-Za-z0-9-]+")) {
      d = d.substring(semi + 1);
    }
    d = d.replaceAll("\\s+", " ").strip();
    Matcher m = MULTILINE_REPLY.matcher(d);
    if (m.lookingAt()) {
      String code = m.group(1);
      String enhanced = m.group(2);
      d = code + " " + enhanced + " " + d.substring(m.end())
          .replaceAll("\\s" + code + "[ -]" + Pattern.quote(enhanced) + "(?=\\s|$)", "").strip();
    }
    return d.isEmpty() ? null : d;
  }

  /** {@code rfc822; user@example.org} → {@code user@example.org}; {@code null} when it holds no address. */
  static String typedAddress(String typed) {
    if (typed == null) {
      return null;
    }
    int semi = typed.indexOf(';');
    String a = (semi >= 0 ? typed.substring(semi + 1) : typed).strip();
    return a.isEmpty() ? null : a;
  }

  /** An {@code Original-Recipient}'s address when it is a usable one, else {@code null}. */
  private static String address(String typed) {
    String a = typedAddress(typed);
    if (a == null) {
      return null;
    }
    try {
      Subscriber.normalizeEmail(a);
      return a;
    } catch (IllegalArgumentException e) {
      return null; // some MTAs write an x400 or a mangled original here; Final-Recipient then
    }
  }

  static String header(MimeMessage m, String name) {
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

  private static ContentType contentType(Part part) throws MessagingException {
    String t = part.getContentType();
    try {
      return new ContentType(t == null ? "text/plain" : t);
    } catch (jakarta.mail.internet.ParseException e) {
      return new ContentType("text/plain"); // a mangled Content-Type: RFC 2045 says treat it as text/plain
    }
  }

  /** A text part's content as a string, decoded with its charset (ISO-8859-1 when unknown). */
  static String text(Part part) throws IOException, MessagingException {
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readAllBytes();
    }
    Charset cs = StandardCharsets.ISO_8859_1;
    String name = contentType(part).getParameter("charset");
    if (name != null) {
      try {
        cs = Charset.forName(MimeUtility.javaCharset(name.strip()));
      } catch (RuntimeException e) {
        cs = StandardCharsets.ISO_8859_1;
      }
    }
    return new String(bytes, cs);
  }

  /** The parts of a multipart message that matter here, found depth-first (not inside a returned message). */
  private static final class Parts {
    String status;
    String feedback;
    String text;
    ReturnedHeaders original = ReturnedHeaders.NONE;

    static Parts of(Part message) throws MessagingException, IOException {
      Parts p = new Parts();
      p.walk(message, 0);
      return p;
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
      if (depth > 4) {
        return;
      }
      if (part.isMimeType("multipart/*")) {
        Multipart mp = (Multipart) part.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
          BodyPart b = mp.getBodyPart(i);
          walk(b, depth + 1);
        }
        return;
      }
      if (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status")) {
        status = status == null ? text(part) : status;
      } else if (part.isMimeType("message/feedback-report")) {
        feedback = feedback == null ? text(part) : feedback;
      } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")
          || part.isMimeType("message/global-headers") || part.isMimeType("message/global")) {
        if (!original.present()) {
          try (InputStream in = part.getInputStream()) {
            original = ReturnedHeaders.of(new InternetHeaders(in));
          }
        }
      } else if (part.isMimeType("text/plain") && text == null && depth > 0) {
        text = text(part);
      }
    }
  }

  private static Session session() {
    Properties p = new Properties();
    // a message cut at the size limit (DsnReader keeps the first megabyte) has no closing boundary
    p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
    p.setProperty("mail.mime.multipart.allowempty", "true");
    p.setProperty("mail.mime.parameters.strict", "false");
    return Session.getInstance(p);
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
