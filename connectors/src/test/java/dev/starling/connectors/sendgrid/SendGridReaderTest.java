package dev.starling.connectors.sendgrid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.MessageRef;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.SmtpStatus;
import dev.starling.connectors.UnreadableSourceException;
import dev.starling.connectors.json.Samples;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendGridReaderTest {

  private static final String C = "otoño-2025";

  private static Event ev(EventType t, String email, String campaign, long sec, String id, String ua, String ip,
      String url, BounceKind kind, Boolean machine, String detail) {
    return new Event(t, email, campaign, sec * 1000, "sendgrid", id, ua, ip, url, kind, machine, detail);
  }

  @Test
  void readsEveryEventTypeOfAnArrayPayload() {
    List<ReadResult> got = Samples.read(Format.SENDGRID, "sendgrid/events.json");
    Event humanOpen = ev(EventType.OPEN, "jose.nunez@example.com", C, 1736960400, "sg-4",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "81.45.2.10", null, null, false, null);
    List<ReadResult> want = List.of(
        ev(EventType.SEND, "josé.nunez@example.com", C, 1736953200, "sg-1", null, null, null, null, null, null),
        ev(EventType.DELIVERY, "jose.nunez@example.com", C, 1736953205, "sg-2", null, null, null, null, null, null),
        ev(EventType.OPEN, "jose.nunez@example.com", C, 1736953260, "sg-3", "Mozilla/5.0", "17.58.1.1", null, null,
            true, null),
        humanOpen,
        humanOpen,
        ev(EventType.CLICK, "ana@example.org", "newsletter-2025-01", 1736960500, "sg-5", "Mozilla/5.0 (iPhone)",
            "88.1.2.3", "https://example.com/feria?utm=nl", null, null, null),
        ev(EventType.OPEN, "ana@example.org", "12345", 1736960600, "sg-6",
            "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.84.1",
            null, null, null, null),
        new Event(EventType.BOUNCE, "blocked@example.net", "ss-9", 1736953300_000L, "sendgrid", "sg-7", null, null, null,
            BounceKind.BLOCK, null, "550 Blocked by recipient's reputation policy", new SmtpStatus("4.0.0", 550), null),
        new Event(EventType.BOUNCE, "nadie@example.net", C, 1736953301_000L, "sendgrid", "sg-8", null, null, null,
            BounceKind.HARD, null, "550 5.1.1 Dirección desconocida", new SmtpStatus("5.1.1", 550), null),
        new Rejection("events.json", 10, "array element 10 (line 11): event 'dropped' is not imported: SendGrid never "
            + "attempted delivery (reason: Bounced Address)", raw(got, 9)),
        new Rejection("events.json", 11, "array element 11 (line 12): event 'deferred' is not imported (temporary "
            + "delivery delay, attempt 5)", raw(got, 10)),
        ev(EventType.COMPLAINT, "angry@example.com", null, 1736970000, "sg-11", null, null, null, null, null, null),
        ev(EventType.UNSUBSCRIBE, "ana@example.org", C, 1736970100, "sg-12", null, null, null, null, null,
            "suppression group 42 only"),
        ev(EventType.UNSUBSCRIBE, "ana@example.org", null, 1736970200, "sg-13", null, null, null, null, null, null),
        new Rejection("events.json", 15, "array element 15 (line 16): email must look like name@example.com but was "
            + "'maria.lopez@'", raw(got, 14)),
        new Rejection("events.json", 16, "array element 16 (line 17): no campaign for this open event: expected a "
            + "'campaign_id' custom arg, 'marketing_campaign_id', 'singlesend_id' or a 'category', or an 'sg_message_id' "
            + "to group it by", raw(got, 15)),
        new Rejection("events.json", 17, "array element 17 (line 18): event must be one of processed, delivered, open, "
            + "click, bounce, spamreport, unsubscribe, group_unsubscribe, dropped, deferred, group_resubscribe but was "
            + "'opened'", raw(got, 16)),
        new Rejection("events.json", 18, "array element 18 (line 19): field 'timestamp' is missing (a time is "
            + "required)", raw(got, 17)),
        new Rejection("events.json", 19, "array element 19 (line 20): must be a JSON object but was string",
            "\"not an object\""));
    assertEquals(want, got);
    assertEquals(((Event) got.get(3)).dedupeKey(), ((Event) got.get(4)).dedupeKey(), "a retried event dedupes");
  }

  @Test
  void readsNdjsonAndResynchronisesAfterBadLines() {
    List<ReadResult> got = Samples.read(Format.SENDGRID, "sendgrid/events.ndjson");
    Event delivered = ev(EventType.DELIVERY, "jose.nunez@example.com", C, 1736953205, "sg-2", null, null, null, null,
        null, null);
    Event complaint = ev(EventType.COMPLAINT, "ana@example.org", null, 1736970000, "sg-11", null, null, null, null,
        null, null);
    List<ReadResult> want = List.of(
        delivered,
        new Rejection("events.ndjson", 2, "is not complete JSON: a new record starts on line 4 before this one is "
            + "closed", raw(got, 1)),
        delivered,
        new Rejection("events.ndjson", 5, "is not valid JSON: Unrecognized token 'this': was expecting (JSON String, "
            + "Number, Array, Object or token 'null', 'true' or 'false') (column 1)", "this line is not JSON"),
        ev(EventType.UNSUBSCRIBE, "ana@example.org", null, 1736970200, "sg-13", null, null, null, null, null, null),
        new Rejection("events.ndjson", 6, "array element 2 on this line: field 'timestamp' must be ISO-8601 "
            + "(2025-01-15T15:00:03Z) or epoch seconds but was 'soon'", raw(got, 5)),
        complaint,
        new Rejection("events.ndjson", 10, "is not valid JSON: Unrecognized token 'trailing': was expecting (JSON "
            + "String, Number, Array, Object or token 'null', 'true' or 'false') (column 95)", raw(got, 7)));
    assertEquals(want, got);
  }

  @Test
  void aSyntaxErrorInsideAnArrayEndedTheFileAsIfComplete() {
    // One parser streams the array and cannot resume after the error: keeping element 1 and losing
    // element 3 unseen was the bug. The file is refused whole, with file:line and the reason.
    String text = """
        [{"email":"a@example.com","timestamp":1736953200,"event":"processed","sg_event_id":"x1","campaign_id":"c1"},
         {"email":"b@example.com","timestamp":1736953200,"event":"processed" "sg_event_id":"x2"},
         {"email":"c@example.com","timestamp":1736953200,"event":"processed","sg_event_id":"x3","campaign_id":"c1"}]
        """;
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Samples.readText(Format.SENDGRID, text));
    assertEquals("inline:2: array element 2 is not valid JSON: Unexpected character ('\"' (code 34)): was "
        + "expecting comma to separate Object entries (line 2, column 70); the rest of the file cannot be read",
        assertInstanceOf(UnreadableSourceException.class, e.getCause()).getMessage());
  }

  @Test
  void aFileThatIsNotJsonIsOneRejection() {
    assertEquals(List.of(new Rejection("inline", 0, "is not JSON: it starts with 'email,type,campaign_id' but a JSON "
            + "file must start with '[' or '{'", "email,type,campaign_id")),
        Samples.readText(Format.SENDGRID, "email,type,campaign_id\na@example.com,open,c1\n"));
    assertEquals(List.of(new Rejection("inline", 0, "file is empty (expected JSON: an array of events or one event "
            + "per line)", "")),
        Samples.readText(Format.SENDGRID, "  \n"));
  }

  @Test
  void untaggedEventsWereDroppedAndAreNowKeptWithTheirSendRequestAsBatch() {
    String text = """
        {"email":"a@example.com","timestamp":1736953260,"event":"open","useragent":"UA","ip":"1.2.3.4","sg_event_id":"e1","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}
        {"email":"a@example.com","timestamp":1736953300,"event":"bounce","type":"bounce","status":"5.2.2","reason":"552 5.2.2 Mailbox full","sg_event_id":"e2"}
        """;
    assertEquals(List.of(
        new Event(EventType.OPEN, "a@example.com", null, 1736953260_000L, "sendgrid", "e1", "UA", "1.2.3.4", null, null,
            null, null, null, new MessageRef("14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0", "14c5d75ce93", null, null)),
        new Event(EventType.BOUNCE, "a@example.com", null, 1736953300_000L, "sendgrid", "e2", null, null, null,
            BounceKind.SOFT, null, "552 5.2.2 Mailbox full", new SmtpStatus("5.2.2", 552), null)),
        Samples.readText(Format.SENDGRID, text));
  }

  @Test
  void eventsWithoutSgEventIdWereNotDetected() {
    String head = "[{\"email\":\"a@example.com\",\"timestamp\":1513299569,\"event\":\"unsubscribe\",\"category\":\"cat facts\"}]";
    assertEquals(java.util.Optional.of(Format.SENDGRID), Format.detect(head.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static String raw(List<ReadResult> got, int i) {
    return got.get(i) instanceof Rejection r ? r.raw() : "";
  }
}
