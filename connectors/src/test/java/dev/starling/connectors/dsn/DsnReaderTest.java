package dev.starling.connectors.dsn;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsnReaderTest {

  static final Event HARD = new Event(EventType.BOUNCE, "maria.lopez@example.org", "6f1c9a2e-1d2b-4c3a-9f8e-2b7d1e0a5c44",
      millis("2025-01-14T09:59:58Z"), "dsn", null, null, null, null, BounceKind.HARD, null,
      "550 5.1.1 <maria.lopez@example.org>: Recipient address rejected: User unknown in virtual mailbox table");

  static Event soft(String campaign) {
    return new Event(EventType.BOUNCE, "jose@nunez.es", campaign, millis("2025-01-15T06:12:40Z"), "dsn",
        null, null, null, null, BounceKind.SOFT, null, "452 4.2.2 Mailbox full");
  }

  @Test
  void hardBounceFromPostfixReportWithHeadersOnly() throws IOException {
    assertEquals(List.of(HARD), ReadAll.sample(Format.DSN, "dsn/hard-5.1.1.eml"));
  }

  @Test
  void softBounceWithWholeOriginalMessageUsesLastAttemptDate() throws IOException {
    assertEquals(List.of(soft("hv-2025-01")), ReadAll.sample(Format.DSN, "dsn/soft-4.2.2.eml"));
  }

  @Test
  void mboxStreamsThreeMessagesAndRejectsTheOutOfOffice() throws IOException {
    assertEquals(List.of(
        HARD,
        new Rejection("bounces.mbox", 2, "message 2 (Message-ID <ooo-1@acme.es>) is not a delivery status notification "
            + "(Content-Type text/plain, expected multipart/report; report-type=delivery-status)",
            "Subject: Fuera de la oficina"),
        soft("mg-2025-02")),
        ReadAll.sample(Format.DSN, "dsn/bounces.mbox"));
  }

  @Test
  void noCampaignHeaderIsARejection() throws IOException {
    assertEquals(List.of(new Rejection("no-campaign.eml", 1,
        "message 1 (Message-ID <20250114100005.4Xyz1@mail.starling.test>) recipient Maria.Lopez@example.org: "
            + "no campaign id in the returned headers (looked for X-Campaign-Id, X-Listmonk-Campaign, X-Mailgun-Tag, "
            + "a campaign= tag in X-SES-MESSAGE-TAGS and X-Mailgun-Variables)",
        "Final-Recipient: rfc822; Maria.Lopez@example.org; Action: failed; Status: 5.1.1")),
        ReadAll.sample(Format.DSN, "dsn/no-campaign.eml"));
  }

  @Test
  void oneMessageEntryPointForTheImapImporter() throws IOException {
    byte[] eml = ReadAll.bytes("dsn/hard-5.1.1.eml");
    assertEquals(List.of(HARD), DsnMessages.parse(new ByteArrayInputStream(eml), "imap:INBOX/42", 42));
  }

  @Test
  void delayedIsAWarningNotABounce() throws IOException {
    String eml = new String(ReadAll.bytes("dsn/soft-4.2.2.eml"), StandardCharsets.UTF_8)
        .replace("Action: failed", "Action: delayed")
        .replace("Last-Attempt-Date", "Will-Retry-Until");
    assertEquals(List.of(new Rejection("delayed.eml", 1,
        "message 1 (Message-ID <202501150612.50F6CeQ9012345@relay.example.net>) recipient jose@nunez.es: "
            + "Action 'delayed' with Status 4.2.2 is not a bounce (only Action: failed with a 4.x.x or 5.x.x status is)",
        "Final-Recipient: RFC822; jose@nunez.es; Action: delayed; Status: 4.2.2")),
        DsnMessages.parse(new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)), "delayed.eml", 1));
  }

  @Test
  void campaignFromSesTags() throws Exception {
    var h = new jakarta.mail.internet.InternetHeaders(new ByteArrayInputStream(
        "X-SES-MESSAGE-TAGS: list=es, campaign=hv-2025-03\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("hv-2025-03", DsnMessages.campaign(h));
  }
}
