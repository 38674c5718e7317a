package dev.starling.connectors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a receiving mail server said about a failed recipient, as codes: the RFC 3463 enhanced status
 * code ({@code 5.2.2}: class, subject, detail) and the SMTP reply code ({@code 552}). Either may be
 * missing; a record with neither is never made.
 *
 * @param enhanced the enhanced status code, digits only ("5.1.1"), or {@code null}
 * @param reply the three-digit SMTP reply code, or {@code null}
 */
public record SmtpStatus(String enhanced, Integer reply) {

  private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
  private static final Pattern REPLY = Pattern.compile("(?:^|said:|[\\]>]:|;)\\s*([245]\\d\\d)(?=[\\s\\-]|$)");

  public SmtpStatus {
    enhanced = Subscriber.blankToNull(enhanced);
    if (enhanced != null && !ENHANCED.matcher(enhanced).matches()) {
      throw new IllegalArgumentException("status must be an RFC 3463 code like 5.1.1 but was '" + enhanced + "'");
    }
    if (reply != null && (reply < 200 || reply > 599)) {
      throw new IllegalArgumentException("reply code must be between 200 and 599 but was " + reply);
    }
    if (enhanced == null && reply == null) {
      throw new IllegalArgumentException("an SMTP status needs an enhanced status code or a reply code");
    }
  }

  /**
   * The codes found in a status field and a diagnostic text, or {@code null} when there are none. The
   * status field's code wins unless it is the unspecific {@code X.0.0} and the text names a precise one
   * (Yahoo and others report {@code Status: 5.0.0} over a diagnostic saying {@code 552 5.2.2}).
   *
   * @param status a status field as written ("5.1.1", "5.0.0 (permanent failure)"), or {@code null}
   * @param diagnostic the server's text without its type ("550 5.1.1 user unknown"), or {@code null}
   */
  public static SmtpStatus of(String status, String diagnostic) {
    String fromField = status == null ? null : findEnhanced(status);
    String fromText = diagnostic == null ? null : findEnhanced(diagnostic);
    String enhanced = fromField == null || (fromField.endsWith(".0.0") && fromText != null) ? fromText : fromField;
    if (enhanced == null) {
      enhanced = fromField;
    }
    Integer reply = diagnostic == null ? null : findReply(diagnostic);
    return enhanced == null && reply == null ? null : new SmtpStatus(enhanced, reply);
  }

  /** The first enhanced status code in {@code text}, or {@code null}. */
  public static String findEnhanced(String text) {
    Matcher m = ENHANCED.matcher(text);
    return m.find() ? m.group(1) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3)) : null;
  }

  /**
   * The reply code that starts {@code text} ("550 ...", "550-5.1.1 ..."), or follows a diagnostic type
   * ("smtp; 550"), an MTA's "Remote host said:", Exim's "host mx.example.org [192.0.2.1]: 550" or
   * "RCPT TO:&lt;a@example.org&gt;: 550"; else {@code null}.
   */
  public static Integer findReply(String text) {
    Matcher m = REPLY.matcher(text);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** The status class digit: 2 success, 4 temporary, 5 permanent; from the reply code when no status. */
  public int statusClass() {
    return enhanced != null ? enhanced.charAt(0) - '0' : reply / 100;
  }
}
