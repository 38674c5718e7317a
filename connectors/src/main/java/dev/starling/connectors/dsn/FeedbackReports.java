package dev.starling.connectors.dsn;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Subscriber;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 5965 abuse reports (ARF), as mailbox providers' feedback loops send them: one complaint per
 * complaining recipient, its detail the {@code Feedback-Type}.
 *
 * <ul>
 *   <li>{@code abuse}, {@code fraud}, {@code virus}, {@code other} are complaints; {@code not-spam} (the
 *       person took a message out of the spam folder) and {@code auth-failure} (RFC 6591, about the
 *       sender's authentication) are skipped and counted;</li>
 *   <li>the recipient is {@code Original-Rcpt-To} (each, when repeated), else the returned message's
 *       {@code To}; feedback loops often redact it ({@code xxxxxxx@example.com}, {@code redacted}), and a
 *       redacted recipient is rejected with that reason, since no one can be named;</li>
 *   <li>the time is {@code Arrival-Date} (or the older {@code Received-Date}), else the report's
 *       {@code Date}; the reporter's {@code User-Agent} is kept as the event's user agent.</li>
 * </ul>
 */
final class FeedbackReports {

  private static final Pattern REDACTED = Pattern.compile("^(x+|\\*+|redacted|\\[redacted\\]|removed|null)@", Pattern.CASE_INSENSITIVE);

  private FeedbackReports() {}

  static List<ReadResult> read(String fieldsText, ReturnedHeaders original, DsnMessages.Where where) {
    List<StatusFields.Field> all = new ArrayList<>();
    for (StatusFields.Group g : StatusFields.groups(fieldsText)) {
      all.addAll(g.fields());
    }
    StatusFields.Group report = new StatusFields.Group(all);
    String feedbackType = report.get("Feedback-Type");
    String raw = "Feedback-Type: " + DsnMessages.nullToEmpty(feedbackType);
    if (feedbackType == null) {
      return List.of(where.reject("is a feedback report (RFC 5965) without Feedback-Type", raw));
    }
    String type = feedbackType.split("[\\s;(]", 2)[0].toLowerCase(Locale.ROOT);
    switch (type) {
      case "abuse", "fraud", "virus", "other" -> {
        // below
      }
      case "not-spam" -> {
        return List.of(where.skip("not-spam feedback report (the person rescued the message from spam)"));
      }
      case "auth-failure" -> {
        return List.of(where.skip("authentication failure report (RFC 6591: about the sender, not a complaint)"));
      }
      default -> {
        return List.of(where.reject("Feedback-Type must be abuse, fraud, virus, other, not-spam or auth-failure but was '"
            + feedbackType + "'", raw));
      }
    }
    List<String> recipients = new ArrayList<>();
    for (String r : report.all("Original-Rcpt-To")) {
      recipients.add(DsnMessages.typedAddress(r));
    }
    String source = "Original-Rcpt-To";
    if (recipients.isEmpty()) {
      source = "To";
      String to = original.get("To");
      if (to == null) {
        return List.of(where.reject("names no complaining recipient (no Original-Rcpt-To, and the returned message "
            + (original.present() ? "has no To header" : "is missing") + ")", raw));
      }
      try {
        for (InternetAddress a : InternetAddress.parseHeader(to, false)) {
          recipients.add(a.getAddress());
        }
      } catch (AddressException e) {
        recipients.add(to);
      }
    }
    Long at = DsnMessages.firstTime(null, report.get("Arrival-Date") != null ? report.get("Arrival-Date")
        : report.get("Received-Date"), where);
    List<ReadResult> out = new ArrayList<>();
    for (String r : recipients) {
      String rawRecipient = raw + "; " + source + ": " + DsnMessages.nullToEmpty(r);
      if (r == null || REDACTED.matcher(r.strip()).find() || !r.contains("@")) {
        out.add(where.reject("complaint recipient is redacted ('" + DsnMessages.nullToEmpty(r) + "' in " + source
            + "): the feedback loop does not say who complained", rawRecipient));
        continue;
      }
      if (at == null) {
        out.add(where.reject("complaint has no time: no readable Arrival-Date or Date header", rawRecipient));
        continue;
      }
      try {
        out.add(new Event(EventType.COMPLAINT, Subscriber.normalizeEmail(r), original.campaign(), at, DsnMessages.PROVIDER,
            null, report.get("User-Agent"), null, null, null, null, type, null, original.message()));
      } catch (IllegalArgumentException e) {
        out.add(where.reject("complaint recipient: " + e.getMessage(), rawRecipient));
      }
    }
    return out;
  }
}
