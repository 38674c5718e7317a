package dev.starling.connectors.dsn;

import dev.starling.connectors.MessageRef;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers of the message a bounce or complaint returns (a {@code message/rfc822} or
 * {@code text/rfc822-headers} part, or the copy a plain-text bounce quotes after its marker line): where
 * the campaign and the original message are found.
 */
final class ReturnedHeaders {

  static final List<String> CAMPAIGN_HEADERS = List.of("X-Campaign-Id", "X-Listmonk-Campaign", "X-Mailgun-Tag");
  static final ReturnedHeaders NONE = new ReturnedHeaders(null);

  private static final Pattern SES_TAG = Pattern.compile("(?:^|[,;\\s])campaign=([^,;\\s]+)");
  private static final Pattern MAILGUN_VAR = Pattern.compile("\"campaign(?:_id)?\"\\s*:\\s*\"?([^\",}]+)\"?");

  private final InternetHeaders headers;

  private ReturnedHeaders(InternetHeaders headers) {
    this.headers = headers;
  }

  static ReturnedHeaders of(InternetHeaders headers) {
    return headers == null ? NONE : new ReturnedHeaders(headers);
  }

  /** The headers at the start of {@code text} (a quoted copy), read up to the first blank line. */
  static ReturnedHeaders parse(String text) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    try {
      String start = text.stripLeading();
      return of(new InternetHeaders(new ByteArrayInputStream(start.getBytes(StandardCharsets.UTF_8))));
    } catch (MessagingException e) {
      return NONE;
    }
  }

  boolean present() {
    return headers != null;
  }

  /**
   * The campaign id: the first of {@code X-Campaign-Id}, {@code X-Listmonk-Campaign}, {@code X-Mailgun-Tag},
   * a {@code campaign=} tag in {@code X-SES-MESSAGE-TAGS}, a {@code "campaign_id"}/{@code "campaign"} key
   * in {@code X-Mailgun-Variables}; or {@code null}.
   */
  String campaign() {
    if (headers == null) {
      return null;
    }
    for (String name : CAMPAIGN_HEADERS) {
      String v = get(name);
      if (v != null) {
        return v;
      }
    }
    String ses = get("X-SES-MESSAGE-TAGS");
    if (ses != null) {
      Matcher m = SES_TAG.matcher(ses);
      if (m.find()) {
        return m.group(1);
      }
    }
    String vars = get("X-Mailgun-Variables");
    if (vars != null) {
      Matcher m = MAILGUN_VAR.matcher(vars);
      if (m.find()) {
        return m.group(1).strip();
      }
    }
    return null;
  }

  /** The original's Message-ID, subject and date: what attaches a bounce to a stored send. */
  MessageRef message() {
    if (headers == null) {
      return null;
    }
    Long sent = null;
    String date = get("Date");
    if (date != null) {
      try {
        sent = DsnMessages.rfc5322(date);
      } catch (IllegalArgumentException e) {
        sent = null; // a mangled Date in the returned copy only loses a hint
      }
    }
    String subject = get("Subject");
    if (subject != null) {
      try {
        subject = MimeUtility.decodeText(subject);
      } catch (UnsupportedEncodingException e) {
        // keep the encoded form: still a usable key
      }
    }
    return new MessageRef(get("Message-ID"), null, subject, sent);
  }

  /** A header's value, unfolded and stripped, or {@code null} when absent or blank. */
  String get(String name) {
    if (headers == null) {
      return null;
    }
    String v = headers.getHeader(name, null);
    if (v == null) {
      return null;
    }
    String t = MimeUtility.unfold(v).replaceAll("\\s+", " ").strip();
    return t.isEmpty() ? null : t;
  }
}
