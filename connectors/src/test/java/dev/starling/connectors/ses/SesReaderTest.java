package dev.starling.connectors.ses;

import static dev.starling.connectors.json.Samples.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.MessageRef;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.json.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class SesReaderTest {

  private static final String JOSE = "josé.núñez@example.com";
  private static final String M1 = "0100019451a2-aaaa-000000";
  private static final String M2 = "0100019451a2-bbbb-000000";
  private static final String F = "events.ndjson";

  private static final long SENT = 1736953200000L;

  private static Event ev(EventType t, String email, String campaign, long ms, String msg, String name, String ua,
      String ip, String url, BounceKind kind, String detail) {
    return ev(t, email, campaign, ms, msg, name, ua, ip, url, kind, detail, null);
  }

  private static Event ev(EventType t, String email, String campaign, long ms, String msg, String name, String ua,
      String ip, String url, BounceKind kind, String detail, SmtpStatus smtp) {
    return new Event(t, email, campaign, ms, "ses", msg + "/" + name + "/" + email + "/" + ms, ua, ip, url, kind, null,
        detail, smtp, new MessageRef(msg, null, null, SENT));
  }

  @Test
  void readsEventPublishingLegacyNotificationsAndSnsEnvelopes() {
    List<ReadResult> got = Samples.read(Format.SES, "ses/events.ndjson");
    Event open = ev(EventType.OPEN, JOSE, "otoño-2025", 1736953320000L, M1, "Open", "Mozilla/5.0", "17.58.1.1", null,
        null, null);
    List<ReadResult> want = List.of(
        ev(EventType.SEND, JOSE, "otoño-2025", 1736953200000L, M1, "Send", null, null, null, null, null),
        ev(EventType.DELIVERY, JOSE, "otoño-2025", 1736953203412L, M1, "Delivery", null, null, null, null, null),
        open,
        open,
        ev(EventType.CLICK, JOSE, "otoño-2025", 1736957400000L, M1, "Click", "Mozilla/5.0 (Windows NT 10.0)",
            "81.45.2.10", "https://example.com/feria", null, null),
        ev(EventType.DELIVERY, "ana@example.org", "hv-2025-01", 1736953205000L, M2, "Delivery", null, null, null, null,
            null),
        ev(EventType.DELIVERY, "luis@example.org", "hv-2025-01", 1736953205000L, M2, "Delivery", null, null, null, null,
            null),
        new Rejection(F, 7, "Open event cannot be attributed to a recipient: the message went to 2 addresses "
            + "(mail.destination) and SES does not say which one acted", raw(got, 7)),
        ev(EventType.BOUNCE, "nadie@example.org", "hv-2025-01", 1736953206000L, M2, "Bounce", null, null, null,
            BounceKind.HARD, "Permanent/General: smtp; 550 5.1.1 user unknown", new SmtpStatus("5.1.1", 550)),
        ev(EventType.BOUNCE, "full@example.org", "hv-2025-01", 1736953207000L, M2, "Bounce", null, null, null,
            BounceKind.SOFT, "Transient/MailboxFull"),
        new Rejection(F, 10, "Bounce with bounceSubType 'OnAccountSuppressionList' is not imported: SES did not "
            + "attempt delivery to an address on a suppression list, so it is not a new bounce", raw(got, 10)),
        ev(EventType.COMPLAINT, "angry@example.com", null, 1737014400000L, "0100019451a2-cccc-000000", "Complaint",
            "Yahoo!-Mail-Feedback/1.0", null, null, null, "abuse"),
        ev(EventType.DELIVERY, "angry@example.com", null, 1736953202000L, "0100019451a2-cccc-000000", "Delivery", null,
            null, null, null, null),
        ev(EventType.UNSUBSCRIBE, JOSE, "otoño-2025", 1737104400000L, M1, "Subscription", null, null, null, null,
            "unsubscribed from all topics"),
        new Rejection(F, 14, "event 'DeliveryDelay' is not imported (temporary delivery delay: MailboxFull)",
            raw(got, 14)),
        new Rejection(F, 15, "event 'Reject' is not imported: SES refused the whole message before sending (reason: "
            + "Bad content)", raw(got, 15)),
        new Rejection(F, 16, "SNS message of Type 'SubscriptionConfirmation' is not an SES event (only "
            + "'Notification' messages carry events)", raw(got, 16)),
        new Rejection(F, 17, "SNS field 'Message' is not valid JSON: " + reason(got, 17), raw(got, 17)),
        new Rejection(F, 18, "eventType must be one of Send, Delivery, Open, Click, Bounce, Complaint, Subscription, "
            + "Reject, DeliveryDelay, Rendering Failure but was 'Opened'", raw(got, 18)),
        new Rejection(F, 19, "is not complete JSON: the file ends before the record's closing bracket",
            "{\"eventType\":\"Send\",\"mail\":{\"messageId\":\"x\""));
    assertEquals(want, got);
    assertEquals(((Event) got.get(2)).dedupeKey(), ((Event) got.get(3)).dedupeKey(), "an SNS retry dedupes");
  }

  @Test
  void aJsonArrayOfEventsIsReadElementByElement() {
    String text = """
        [
          {"eventType":"Send","mail":{"timestamp":"2025-01-15T15:00:00.000Z","messageId":"m-1",
            "destination":["a@example.com","b@example.com"],"tags":{"campaign":["c1"]}},"send":{}},
          {"eventType":"Bounce","mail":{"timestamp":"2025-01-15T15:00:00.000Z","messageId":"m-1",
            "destination":["a@example.com"],"tags":{"campaign":["c1"]}},
            "bounce":{"bounceType":"Sometimes","bouncedRecipients":[{"emailAddress":"a@example.com"}],
            "timestamp":"2025-01-15T15:00:01.000Z"}}
        ]
        """;
    List<ReadResult> got = Samples.readText(Format.SES, text);
    assertEquals(List.of(
        ev(EventType.SEND, "a@example.com", "c1", 1736953200000L, "m-1", "Send", null, null, null, null, null),
        ev(EventType.SEND, "b@example.com", "c1", 1736953200000L, "m-1", "Send", null, null, null, null, null),
        new Rejection("inline", 2, "array element 2 (line 4): bounce field 'bounceType' must be Permanent, Transient "
            + "or Undetermined but was 'Sometimes'", raw(got, 2))), got);
  }

  @Test
  void untaggedRecordWasRejectedAsALegacyNotificationAndIsNowKeptWithItsMessageSubjectAndSendTime() {
    String text = """
        {"eventType":"Open","mail":{"timestamp":"2025-01-15T15:00:00.000Z","messageId":"m-9","destination":["a@example.com"],
          "commonHeaders":{"subject":"Novedades de enero"}},"open":{"timestamp":"2025-01-16T08:00:00.000Z","userAgent":"UA"}}
        """;
    Event open = (Event) Samples.readText(Format.SES, text).get(0);
    assertEquals(new Event(EventType.OPEN, "a@example.com", null, 1737014400000L, "ses",
        "m-9/Open/a@example.com/1737014400000", "UA", null, null, null, null, null, null,
        new MessageRef("m-9", null, "Novedades de enero", SENT)), open);
    assertEquals("untagged/ses/2025-01-15/Novedades de enero", open.message().campaignKey(open.provider(), open.atMillis()));
  }

  @Test
  void recordWithoutItsOwnTimestampWasRejectedAndNowTakesTheSnsEnvelopes() {
    String inner = "{\\\"notificationType\\\":\\\"Bounce\\\",\\\"mail\\\":{\\\"messageId\\\":\\\"m-7\\\","
        + "\\\"destination\\\":[\\\"x@example.com\\\"]},\\\"bounce\\\":{\\\"bounceType\\\":\\\"Permanent\\\","
        + "\\\"bouncedRecipients\\\":[{\\\"emailAddress\\\":\\\"x@example.com\\\"}]}}";
    String text = "{\"Type\":\"Notification\",\"MessageId\":\"sns-9\",\"Timestamp\":\"2025-01-16T08:00:00.000Z\","
        + "\"Message\":\"" + inner + "\"}\n";
    assertEquals(List.of(new Event(EventType.BOUNCE, "x@example.com", null, 1737014400000L, "ses",
        "m-7/Bounce/x@example.com/1737014400000", null, null, null, BounceKind.HARD, null, "Permanent", null,
        new MessageRef("m-7", null, null, null))), Samples.readText(Format.SES, text));
  }

  private static String reason(List<ReadResult> got, int i) {
    String r = ((Rejection) got.get(i)).reason();
    return r.substring(r.indexOf("JSON: ") + 6);
  }
}
