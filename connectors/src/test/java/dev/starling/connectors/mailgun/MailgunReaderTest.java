package dev.starling.connectors.mailgun;

import static dev.starling.connectors.json.Samples.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.json.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailgunReaderTest {

  private static final String JOSE = "jose.nunez@example.com";
  private static final String C = "otoño-2025";

  private static Event ev(EventType t, String email, String campaign, long ms, String id, String ua, String ip,
      String url, BounceKind kind, Boolean machine, String detail) {
    return new Event(t, email, campaign, ms, "mailgun", id + "/" + ms, ua, ip, url, kind, machine, detail);
  }

  private static final Event GMAIL_OPEN = ev(EventType.OPEN, JOSE, C, 1736960400250L, "op-2",
      "Mozilla/5.0 (via ggpht.com GoogleImageProxy)", "66.249.84.1", null, null, false, null);

  @Test
  void readsAnEventsApiPage() {
    List<ReadResult> got = Samples.read(Format.MAILGUN, "mailgun/events-page.json");
    String page = "items element %d of the record starting on this line: ";
    assertEquals(List.of(
        ev(EventType.SEND, JOSE, C, 1736953200123L, "acc-1", null, null, null, null, null, null),
        ev(EventType.DELIVERY, JOSE, C, 1736953203500L, "del-1", null, null, null, null, null, null),
        ev(EventType.OPEN, JOSE, C, 1736953260000L, "op-1", "Mozilla/5.0", "17.58.1.1", null, null, true, null),
        GMAIL_OPEN,
        ev(EventType.CLICK, "ana@example.org", "hv-2025-01", 1736960500750L, "cl-1", "Mozilla/5.0 (iPhone)",
            "88.1.2.3", "https://example.com/feria", null, false, null),
        new Event(EventType.BOUNCE, "nadie@example.org", "hv-2025-01", 1736953301000L, "mailgun", "fl-1/1736953301000",
            null, null, null, BounceKind.HARD, null, "5.1.1 The email account that you tried to reach does not exist",
            new dev.starling.connectors.SmtpStatus("5.1.1", 550), null),
        new Rejection("events-page.json", 1, page.formatted(7) + "event 'failed' with severity 'temporary' is not "
            + "imported (Mailgun will retry delivery; only permanent failures are bounces)", raw(got, 6)),
        new Rejection("events-page.json", 1, page.formatted(8) + "event 'failed' with reason 'suppress-bounce' is not "
            + "imported: Mailgun did not attempt delivery to a suppressed address, so it is not a new bounce",
            raw(got, 7)),
        ev(EventType.COMPLAINT, "angry@example.com", null, 1737014400000L, "cp-1", null, null, null, null, null, null)),
        got);
  }

  @Test
  void readsWebhookPayloadsOnePerLine() {
    List<ReadResult> got = Samples.read(Format.MAILGUN, "mailgun/webhooks.ndjson");
    String f = "webhooks.ndjson";
    assertEquals(List.of(
        ev(EventType.UNSUBSCRIBE, "ana@example.org", "hv-2025-01", 1736970100000L, "un-1", null, null, null, null, null,
            null),
        GMAIL_OPEN,
        ev(EventType.OPEN, "luis@example.org", "hv-2025-01", 1736960401000L, "op-3", "Mozilla/5.0", "203.0.113.9",
            null, null, null, null),
        new Rejection(f, 4, "event 'rejected' is not imported: Mailgun refused the message before sending (Sandbox "
            + "subdomains are for test purposes only)", raw(got, 3)),
        new Rejection(f, 5, "event must be one of accepted, delivered, opened, clicked, unsubscribed, complained, "
            + "failed, rejected, stored but was 'list_member_uploaded'", raw(got, 4)),
        new Rejection(f, 6, "is not valid JSON: Unexpected character (',' (code 44)): was expecting double-quote to "
            + "start field name (column 63)", "{\"signature\":{\"timestamp\":\"1\"},\"event-data\":{\"event\":\"opened\",,}}"),
        ev(EventType.DELIVERY, "b@example.org", "c9", 1736960404000L, "del-9", null, null, null, null, null, null)),
        got);
  }

  @ParameterizedTest(name = "bot ''{0}'' -> machine {1}")
  @CsvSource(nullValues = "null", value = {
      "apple, true",
      "generic, true",
      "gmail, false",
      "'', false"})
  void clientInfoBotDecidesTheMachineFlag(String bot, Boolean machine) {
    String line = "{\"event\":\"opened\",\"id\":\"o\",\"timestamp\":1736953260,\"log-level\":\"info\","
        + "\"recipient\":\"a@example.com\",\"tags\":[\"c1\"],\"client-info\":{\"bot\":\"" + bot + "\"}}";
    Event e = (Event) Samples.readText(Format.MAILGUN, line).get(0);
    assertEquals(machine, e.machineFlag());
  }
}
