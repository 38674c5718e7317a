package dev.starling.connectors.postmark;

import static dev.starling.connectors.json.Samples.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.MessageRef;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.json.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmarkReaderTest {

  private static final String JOSE = "josé.núñez@example.com";
  private static final String HV = "hv-2025-01";
  private static final String F = "webhooks.ndjson";

  private static Event ev(EventType t, String email, String campaign, long ms, String id, String ua, String ip,
      String url, BounceKind kind, String detail) {
    return new Event(t, email, campaign, ms, "postmark", id, ua, ip, url, kind, null, detail);
  }

  private static String id(String recordType, String messageId, String email, long ms) {
    return recordType + "/" + messageId + "/" + email + "/" + ms;
  }

  @Test
  void readsEveryRecordTypeAndClassifiesBounces() {
    List<ReadResult> got = Samples.read(Format.POSTMARK, "postmark/webhooks.ndjson");
    String m1 = "883953f4-6105-42a2-a16a-77a8eac79483";
    Event open = ev(EventType.OPEN, JOSE, "otoño-2025", 1736953320000L, id("Open", m1, JOSE, 1736953320000L),
        "Mozilla/5.0", "17.58.1.1", null, null, null);
    assertEquals(List.of(
        ev(EventType.DELIVERY, JOSE, "otoño-2025", 1736935203173L, id("Delivery", m1, JOSE, 1736935203173L), null,
            null, null, null, null),
        open,
        open,
        ev(EventType.CLICK, "ana@example.org", HV, 1736961000500L,
            id("Click", "00000000-0000-0000-0000-000000000002", "ana@example.org", 1736961000500L),
            "Mozilla/5.0 (Windows NT 10.0)", "81.45.2.10", "https://example.com/feria", null, null),
        new Event(EventType.BOUNCE, "nadie@example.org", HV, 1736953206000L, "postmark", "Bounce/4323372036854775807",
            null, null, null, BounceKind.HARD, null, "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
            new SmtpStatus("5.1.1", 550), null),
        ev(EventType.BOUNCE, "full@example.org", HV, 1736953207000L, "Bounce/42", null, null, null, BounceKind.SOFT,
            "Mailbox full"),
        new Rejection(F, 7, "Bounce of Type 'AutoResponder' is not imported: it is not a delivery failure (only "
            + "HardBounce, BadEmailAddress, SoftBounce, Transient, DnsError, Blocked, ContentRelated, SpamNotification, "
            + "VirusNotification and DMARCPolicy are)", raw(got, 6)),
        new Event(EventType.COMPLAINT, "angry@example.com", null, 1737014400000L, "postmark",
            id("SpamComplaint", "00000000-0000-0000-0000-000000000006", "angry@example.com", 1737014400000L), null,
            null, null, null, null, null, null, new MessageRef("00000000-0000-0000-0000-000000000006", null, null, null)),
        ev(EventType.UNSUBSCRIBE, "ana@example.org", HV, 1737104400123L,
            id("SubscriptionChange", "00000000-0000-0000-0000-000000000007", "ana@example.org", 1737104400123L), null,
            null, null, null, "ManualSuppression"),
        ev(EventType.BOUNCE, "dead@example.org", HV, 1737104700000L,
            id("SubscriptionChange", "00000000-0000-0000-0000-000000000008", "dead@example.org", 1737104700000L), null,
            null, null, BounceKind.HARD, "HardBounce suppression"),
        new Rejection(F, 11, "SubscriptionChange with SuppressSending false is not imported: reactivation is not an "
            + "event", raw(got, 10)),
        new Rejection(F, 12, "SubscriptionChange ManualSuppression by Origin 'Admin' is not imported: the sender "
            + "suppressed the address, the recipient did not unsubscribe", raw(got, 11)),
        new Event(EventType.DELIVERY, "sin-campana@example.org", null, 1736953203000L, "postmark",
            id("Delivery", "00000000-0000-0000-0000-000000000009", "sin-campana@example.org", 1736953203000L), null,
            null, null, null, null, null, null, new MessageRef("00000000-0000-0000-0000-000000000009", null, null, null)),
        new Rejection(F, 14, "field 'DeliveredAt' must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was "
            + "'15/01/2025 15:00'", raw(got, 13)),
        new Rejection(F, 15, "field 'RecordType' is missing (is this an inbound message rather than a webhook?)",
            "{\"FromFull\":{\"Email\":\"x@example.com\"},\"Subject\":\"inbound\"}")),
        got);
    assertEquals(((Event) got.get(1)).dedupeKey(), ((Event) got.get(2)).dedupeKey(), "a reposted body dedupes");
  }

  @Test
  void bounceTypeUnsubscribeWasDroppedAndIsNowAnUnsubscribe() {
    String text = "{\"RecordType\":\"Bounce\",\"ID\":77,\"Type\":\"Unsubscribe\",\"TypeCode\":16,\"Tag\":\"hv-2025-01\","
        + "\"MessageID\":\"m-77\",\"Email\":\"ana@example.org\",\"BouncedAt\":\"2025-01-16T08:00:00Z\","
        + "\"Description\":\"Unsubscribe request\"}\n";
    assertEquals(List.of(new Event(EventType.UNSUBSCRIBE, "ana@example.org", HV, 1737014400000L, "postmark",
        "Bounce/77", null, null, null, null, null, "Unsubscribe request")),
        dev.starling.connectors.json.Samples.readText(Format.POSTMARK, text));
  }
}
