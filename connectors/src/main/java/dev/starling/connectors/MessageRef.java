package dev.starling.connectors;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What an event's source says about the message it concerns, beyond a campaign tag: how an event that
 * names no campaign is still grouped with its siblings (opens, clicks, deliveries) or attached to a send
 * already stored (bounces, complaints). Every field may be missing; a reference with none is dropped.
 *
 * @param messageId the provider's or the mail's own message id ({@code Message-ID}, SES {@code messageId},
 *     Postmark {@code MessageID}), as given
 * @param batchId an id shared by every message of one send request (SendGrid's {@code X-Message-Id}, the
 *     part of {@code sg_message_id} before the first dot), or {@code null}
 * @param subject the message's subject line, or {@code null}
 * @param sentAtMillis when the message was sent (UTC epoch ms), or {@code null}
 */
public record MessageRef(String messageId, String batchId, String subject, Long sentAtMillis) {

  /** The prefix of every derived campaign id; no ESP tag or user id starts with it by accident. */
  public static final String DERIVED_PREFIX = "untagged/";
  private static final int MAX_SUBJECT = 120;

  public MessageRef {
    messageId = Subscriber.blankToNull(messageId);
    batchId = Subscriber.blankToNull(batchId);
    subject = subject == null ? null : Subscriber.blankToNull(subject.replaceAll("\\s+", " "));
    if (sentAtMillis != null && sentAtMillis <= 0) {
      sentAtMillis = null;
    }
  }

  boolean isEmpty() {
    return messageId == null && batchId == null && subject == null && sentAtMillis == null;
  }

  /**
   * The id of the campaign an untagged event is grouped into, from the first of: the batch id
   * ({@code untagged/sendgrid/batch/14c5d75ce93}); the subject with the send date
   * ({@code untagged/ses/2025-01-14/Hola Valencia}); the subject alone, when the send date is not known
   * (an open's own date is not the send date); else the day of the event itself
   * ({@code untagged/postmark/2025-01-14}). Subjects are cut to 120 characters.
   *
   * @param provider the event's provider, the namespace of the id
   * @param atMillis the event's own time, for the last resort
   */
  public String campaignKey(String provider, long atMillis) {
    String p = DERIVED_PREFIX + provider + "/";
    if (batchId != null) {
      return p + "batch/" + cut(batchId);
    }
    if (subject != null) {
      return sentAtMillis != null ? p + day(sentAtMillis) + "/" + cut(subject) : p + cut(subject);
    }
    return p + day(sentAtMillis != null ? sentAtMillis : atMillis);
  }

  private static String day(long millis) {
    return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  private static String cut(String s) {
    return s.length() <= MAX_SUBJECT ? s : s.substring(0, MAX_SUBJECT);
  }
}
