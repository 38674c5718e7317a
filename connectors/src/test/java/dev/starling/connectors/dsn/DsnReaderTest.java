package dev.starling.connectors.dsn;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Format;
import dev.starling.connectors.MessageRef;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Skipped;
import dev.starling.connectors.SmtpStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsnReaderTest {

  static final String HARD_DETAIL =
      "550 5.1.1 <maria.lopez@example.org>: Recipient address rejected: User unknown in virtual mailbox table";
  static final MessageRef HARD_ORIGINAL = new MessageRef("<20250114095958.4Xyz0@mail.starling.test>", null,
      "Novedades de febrero — Ferretería", millis("2025-01-14T09:59:58Z"));

  static final Event HARD = hard("6f1c9a2e-1d2b-4c3a-9f8e-2b7d1e0a5c44");

  static Event hard(String campaign) {
    return new Event(EventType.BOUNCE, "maria.lopez@example.org", campaign, millis("2025-01-14T09:59:58Z"), "dsn",
        null, null, null, null, BounceKind.HARD, null, HARD_DETAIL, new SmtpStatus("5.1.1", 550), HARD_ORIGINAL);
  }

  static Event soft(String campaign) {
    return new Event(EventType.BOUNCE, "jose@nunez.es", campaign, millis("2025-01-15T06:12:40Z"), "dsn",
        null, null, null, null, BounceKind.SOFT, null, "452 4.2.2 Mailbox full", new SmtpStatus("4.2.2", 452),
        new MessageRef("<c-2025-01-13.jose@starling.test>", null, "Novedades", null));
  }

  static String sample(String name) {
    return new String(ReadAll.bytes("dsn/" + name), StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  /** {@code text} with {@code from} replaced; fails when {@code from} is not there, so no test passes vacuously. */
  static String edit(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new AssertionError("the sample does not contain '" + from + "'");
    }
    return text.replace(from, to);
  }

  static List<ReadResult> parse(String eml) throws IOException {
    return DsnMessages.parse(new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)), "t.eml", 1);
  }

  /** Found by ReadersFuzzTest#dsn: Jakarta Mail's IOException for the encoding ended the whole import. */
  @Test
  void unknownTransferEncodingAbortedTheWholeMboxAndIsNowOneRejectedMessage() throws IOException {
    String bad = """
        From: MAILER-DAEMON@mail.starling.test
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: text/plain
        Content-Transfer-Encoding: Version

        The mail system could not deliver your message.
        """;
    String mbox = "From MAILER-DAEMON Tue Jan 14 10:00:03 2025\n" + bad + "\nFrom MAILER-DAEMON Tue Jan 14 10:00:05 2025\n"
        + sample("hard-5.1.1.eml");
    try (DsnReader r = new DsnReader(new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)), "b.mbox")) {
      assertEquals(List.of(new Rejection("b.mbox", 1, "message 1 is not a readable e-mail: Unknown encoding: Version", ""),
          HARD), ReadAll.of(r));
    }
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
  void mboxStreamsThreeMessagesAndSkipsTheOutOfOffice() throws IOException {
    assertEquals(List.of(
        HARD,
        new Skipped("bounces.mbox", 2, "auto-reply (RFC 3834)", "Message-ID <ooo-1@acme.es>; Subject: Fuera de la oficina"),
        soft("mg-2025-02")),
        ReadAll.sample(Format.DSN, "dsn/bounces.mbox"));
  }

  @Test
  void bounceWithoutCampaignHeaderWasRejectedAndIsNowKeptWithTheOriginalMessage() throws IOException {
    assertEquals(List.of(new Event(EventType.BOUNCE, "maria.lopez@example.org", null, millis("2025-01-14T09:59:58Z"),
        "dsn", null, null, null, null, BounceKind.HARD, null, HARD_DETAIL, new SmtpStatus("5.1.1", 550), HARD_ORIGINAL)),
        ReadAll.sample(Format.DSN, "dsn/no-campaign.eml"));
  }

  @Test
  void oneMessageEntryPointForTheImapImporter() throws IOException {
    byte[] eml = ReadAll.bytes("dsn/hard-5.1.1.eml");
    assertEquals(List.of(HARD), DsnMessages.parse(new ByteArrayInputStream(eml), "imap:INBOX/42", 42));
  }

  @Test
  void delayedIsSkippedAsADelayWarning() throws IOException {
    String eml = edit(sample("soft-4.2.2.eml"), "Action: failed", "Action: delayed")
        .replace("Last-Attempt-Date", "Will-Retry-Until");
    assertEquals(List.of(new Skipped("t.eml", 1, "delay warning (Action: delayed)",
        "Message-ID <202501150612.50F6CeQ9012345@relay.example.net>; Subject: Returned mail: see transcript for details")),
        parse(eml));
  }

  @Test
  void noBlankLineBetweenPerMessageAndRecipientFieldsWasRejected() throws IOException {
    String eml = edit(sample("hard-5.1.1.eml"), "Arrival-Date: Tue, 14 Jan 2025 09:59:58 +0000 (UTC)\n\n",
        "Arrival-Date: Tue, 14 Jan 2025 09:59:58 +0000 (UTC)\n");
    assertEquals(List.of(HARD), parse(eml));
  }

  @Test
  void blankLineHoldingOnlyASpaceSeparatesGroups() throws IOException {
    String eml = edit(sample("hard-5.1.1.eml"), "Arrival-Date: Tue, 14 Jan 2025 09:59:58 +0000 (UTC)\n\n",
        "Arrival-Date: Tue, 14 Jan 2025 09:59:58 +0000 (UTC)\n \n");
    assertEquals(List.of(HARD), parse(eml));
  }

  @Test
  void commentAfterTheActionValueWasRejected() throws IOException {
    String eml = edit(sample("hard-5.1.1.eml"), "Action: failed", "Action: failed (bad destination mailbox address)");
    assertEquals(List.of(HARD), parse(eml));
  }

  @Test
  void multipartReportWithoutReportTypeWasDetectedThenRefused() throws IOException {
    String eml = edit(sample("hard-5.1.1.eml"), "multipart/report; report-type=delivery-status;", "multipart/report;");
    assertEquals(List.of(HARD), parse(eml));
    assertEquals(Format.DSN, Format.detect(eml.getBytes(StandardCharsets.UTF_8)).orElseThrow());
  }

  @Test
  void malformedArrivalDateDiscardedTheReportAndNowFallsBackToTheDateHeader() throws IOException {
    String eml = edit(sample("hard-5.1.1.eml"), "Arrival-Date: Tue, 14 Jan 2025 09:59:58 +0000 (UTC)",
        "Arrival-Date: 14/01/2025 09:59");
    Event e = (Event) parse(eml).get(0);
    assertEquals(millis("2025-01-14T10:00:05Z"), e.atMillis());
  }

  @Test
  void recipientRepeatedInOneReportWasCountedTwice() throws IOException {
    String group = "Final-Recipient: rfc822; Maria.Lopez@example.org\n";
    String eml = sample("hard-5.1.1.eml");
    int start = eml.indexOf(group);
    int end = eml.indexOf("\n\n", start);
    String block = eml.substring(start, end);
    eml = eml.substring(0, end) + "\n\n" + block + eml.substring(end);
    assertEquals(List.of(HARD), parse(eml));
  }

  @Test
  void deliverySuccessNoticeIsSkipped() throws IOException {
    assertEquals(List.of(new Skipped("postfix-success.eml", 1, "delivery success notice (Action: relayed)",
        "Message-ID <4YbQ3c6Kf1z9sWq@mail.starling.test>; Subject: Successful Mail Delivery Report")),
        ReadAll.sample(Format.DSN, "dsn/corpus/postfix-success.eml"));
  }

  @Test
  void postfixDelayWarningIsSkipped() throws IOException {
    assertEquals(List.of(new Skipped("postfix-delayed.eml", 1, "delay warning (Action: delayed)",
        "Message-ID <4YcF7b0GJmz9sX1@mail.starling.test>; Subject: Delayed Mail (still being retried)")),
        ReadAll.sample(Format.DSN, "dsn/corpus/postfix-delayed.eml"));
  }

  @Test
  void missingStatusAndDiagnosticIsARejectionNamingTheRecipient() throws IOException {
    String eml = edit(sample("hard-5.1.1.eml"), "Status: 5.1.1\n", "").replaceAll("Diagnostic-Code: [^\\n]*\\n    [^\\n]*\\n", "");
    assertEquals(List.of(new Rejection("t.eml", 1, "message 1 (Message-ID <20250114100005.4Xyz1@mail.starling.test>) "
        + "recipient Maria.Lopez@example.org: Status must be an RFC 3463 code like 5.1.1 but was ''",
        "Final-Recipient: rfc822; Maria.Lopez@example.org; Action: failed; Status: ")), parse(eml));
  }

  @Test
  void aPersonalReplyIsRejectedAsNoBounce() throws IOException {
    List<ReadResult> all = ReadAll.sample(Format.DSN, "dsn/corpus/auto-replies.mbox");
    assertEquals(List.of(
        new Skipped("auto-replies.mbox", 1, "auto-reply (RFC 3834)",
            "Message-ID <CAE1xYz_vacation.1739784660@mail.gmail.com>; Subject: Re: Novedades de febrero"),
        new Skipped("auto-replies.mbox", 2, "auto-reply (RFC 3834)",
            "Message-ID <AM9PR03MB7123ABCD1234567890ABCDEF12345@AM9PR03MB7123.eurprd03.prod.outlook.com>; "
                + "Subject: Respuesta automática: Novedades de febrero"),
        new Rejection("auto-replies.mbox", 3, "message 3 (Message-ID <5e6f7a8b@reformas-paterna.example>) is not a "
            + "bounce, a complaint or an auto-reply (Content-Type text/plain; expected an RFC 3464 delivery status "
            + "notification, an RFC 5965 feedback report, or a qmail, Exim or Sendmail plain-text bounce)",
            "Subject: Re: Novedades de febrero")),
        all);
  }

  @Test
  void arfReportsBecomeComplaintsWithTheirFeedbackType() throws IOException {
    assertEquals(List.of(
        new Event(EventType.COMPLAINT, "elena.mora@proveedor-correo.example", "nl-2025-02", millis("2025-02-21T13:58:02Z"),
            "dsn", null, "ProveedorFBL/1.2", null, null, null, null, "abuse", null,
            new MessageRef("<nl-2025-02.1740146280@starling.test>", null, "Novedades de febrero", millis("2025-02-21T13:58:00Z"))),
        new Rejection("complaints.mbox", 2, "message 2 (Message-ID <20250221164000.ABC123@complaints.aol.net>) complaint "
            + "recipient is redacted ('redacted@aol.com' in To): the feedback loop does not say who complained",
            "Feedback-Type: abuse; To: redacted@aol.com"),
        new Skipped("complaints.mbox", 3, "not-spam feedback report (the person rescued the message from spam)",
            "Message-ID <fbl-20250222100000-90112@feedback.proveedor-correo.example>; Subject: Not-spam report: Novedades de febrero")),
        ReadAll.sample(Format.DSN, "dsn/corpus/complaints.mbox"));
  }

  @Test
  void campaignFromSesTags() throws Exception {
    var h = new jakarta.mail.internet.InternetHeaders(new ByteArrayInputStream(
        "X-SES-MESSAGE-TAGS: list=es, campaign=hv-2025-03\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("hv-2025-03", ReturnedHeaders.of(h).campaign());
  }

  @Test
  void gmailMultiLineReplySaysItsCodeOnce() {
    assertEquals("550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the "
        + "recipient's email address for typos or unnecessary spaces. For more information, go to "
        + "https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7 - gsmtp",
        DsnMessages.diagnostic("smtp; 550-5.1.1 The email account that you tried to reach does not exist. Please try "
            + "550-5.1.1 double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. "
            + "For more information, go to 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7 - gsmtp"));
  }
}
