package dev.starling.connectors.mailchimp;

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

class MailchimpActivityReaderTest {

  private static final String C = "42694e9e57";
  private static final String F = "email-activity.json";
  private static final String JOSE = "josé.núñez@example.com";

  private static Event ev(EventType t, String email, long ms, String ip, String url, BounceKind kind) {
    return new Event(t, email, C, ms, "mailchimp", null, null, ip, url, kind, null, null);
  }

  @Test
  void readsActivityAndImpliesASendPerRecipient() {
    List<ReadResult> got = Samples.read(Format.MAILCHIMP_ACTIVITY, "mailchimp-activity/email-activity.json");
    Event open = ev(EventType.OPEN, JOSE, 1731491530000L, "17.58.1.1", null, null);
    String badEmail = "email must look like name@example.com but was 'maria.lopez@'";
    assertEquals(List.of(
        ev(EventType.SEND, JOSE, 1731488700000L, null, null, null),
        open,
        ev(EventType.CLICK, JOSE, 1731488700000L, "81.45.2.10", "https://example.com/feria", null),
        open,
        ev(EventType.SEND, "nadie@example.org", 1731488405000L, null, null, null),
        ev(EventType.BOUNCE, "nadie@example.org", 1731488405000L, null, null, BounceKind.HARD),
        ev(EventType.SEND, "ana@example.org", 1731488406000L, null, null, null),
        ev(EventType.BOUNCE, "ana@example.org", 1731488406000L, null, null, BounceKind.SOFT),
        new Rejection(F, 4, "emails element 4 (line 49), activity 2: action must be open, click or bounce but was "
            + "'forward'", "{\"action\":\"forward\",\"timestamp\":\"2024-11-13T09:30:00+00:00\"}"),
        new Rejection(F, 6, "emails element 6 (line 73): " + badEmail, raw(got, 9)),
        new Rejection(F, 6, "emails element 6 (line 73), activity 1: " + badEmail, raw(got, 10)),
        new Rejection(F, 2, "2 recipients have no activity (the first is emails element 2, quiet@example.org): the "
            + "report gives no send time, so no SEND was imported for them", "")),
        got);
  }

  @Test
  void aReportWithoutEmailsIsRejected() {
    assertEquals(List.of(new Rejection("inline", 1, "record 1 (line 1): has no 'emails' array (expected a Mailchimp "
            + "email-activity report)", "{\"members\":[],\"total_items\":0}")),
        Samples.readText(Format.MAILCHIMP_ACTIVITY, "{\"members\":[],\"total_items\":0}"));
  }
}
