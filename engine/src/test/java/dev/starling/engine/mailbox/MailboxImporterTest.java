package dev.starling.engine.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.starling.connectors.Rejection;
import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportSummary;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.MailServerExtension;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(DataDirExtension.class)
class MailboxImporterTest {
  static final String USER = "marketing@starling.test";
  static final String LOGIN = "marketing";
  static final String PASSWORD = "s3cret-Pa55";

  static final String EVENTS_CSV = """
      type,email,campaign_id,at
      send,ann@example.com,nl-001,2026-05-04T09:00:00Z
      open,ann@example.com,nl-001,2026-05-04T10:00:00Z
      click,bob@example.com,nl-001,2026-05-04T11:00:00Z
      teleport,carl@example.com,nl-001,2026-05-04T12:00:00Z
      """;
  static final String SUBSCRIBERS_CSV = """
      email,first_name,country
      ann@example.com,Ann,DE
      dora@example.com,Dora,FR
      """;

  @RegisterExtension
  static final MailServerExtension mail = new MailServerExtension();

  @Test
  void importsAttachmentsMarksMessagesAndASecondRunImportsNothing(Starling starling) throws Exception {
    mail.server().setUser(USER, LOGIN, PASSWORD);
    deliver(espReport());
    deliver(subscriberList());
    deliver(plainMail());
    deliver(hardBounce());
    mail.server().waitForIncomingEmail(5000, 4);

    List<Path> tempBefore = temporaryDirectories();
    MailboxSummary first = importer(starling).importFrom(address(), PASSWORD.toCharArray(), true);

    assertEquals(4, first.messagesSeen());
    assertEquals(3, first.messagesImported());
    assertEquals(0, first.messagesSkipped());
    assertEquals(1, first.messagesIgnored());
    assertEquals(List.of("events-2026-05.csv", "Subscribers.CSV", "message-4.eml"),
        first.files().stream().map(ImportSummary::source).toList());
    ImportSummary events = first.files().get(0);
    assertEquals(List.of("starling-csv", "events", 4L, 3L, 1L, 2L),
        List.of(events.format(), events.kind(), events.rowsRead(), events.imported(), events.rejected(),
            events.newSubscribers()));
    assertEquals(List.of(new Rejection("events-2026-05.csv", 5,
        "type must be one of send, delivery, open, click, bounce, complaint, unsubscribe but was 'teleport'",
        "teleport,carl@example.com,nl-001,2026-05-04T12:00:00Z")), events.firstRejections());
    ImportSummary subscribers = first.files().get(1);
    assertEquals(List.of("starling-csv", "subscribers", 2L, 2L, 0L, 1L),
        List.of(subscribers.format(), subscribers.kind(), subscribers.rowsRead(), subscribers.imported(),
            subscribers.rejected(), subscribers.newSubscribers()));

    // The bounce report is read by the DSN reader: a hard bounce for gone@example.org on nl-001.
    ImportSummary dsn = first.files().get(2);
    assertEquals(List.of("dsn", 1L, 1L, 0L), List.of(dsn.format(), dsn.rowsRead(), dsn.imported(), dsn.rejected()));
    assertEquals(List.of(), first.failures());

    Map<String, Long> counts = counts(starling);
    assertEquals(Map.of("subscribers", 4L, "on_list", 2L, "campaigns", 1L, "messages", 2L, "events", 2L,
        "imports", 3L, "rejections", 1L), counts);
    assertEquals(List.of("ann@example.com Ann DE 1", "bob@example.com null null 0", "dora@example.com Dora FR 1",
            "gone@example.org null null 0"),
        rows(starling, "SELECT email, first_name, country, on_list FROM subscribers ORDER BY email"));
    assertEquals(List.of("nl-001 1"), rows(starling, "SELECT code, placeholder FROM campaigns"));
    assertEquals(List.of("gone@example.org 2"), rows(starling,
        "SELECT s.email, m.bounce FROM messages m JOIN subscribers s ON s.id = m.subscriber_id WHERE m.bounce > 0"));

    assertEquals(List.of(true, true, true, true), importedFlags());

    MailboxSummary second = importer(starling).importFrom(address(), PASSWORD.toCharArray(), true);
    assertEquals(List.of(4, 0, 4, 0, 0), List.of(second.messagesSeen(), second.messagesImported(),
        second.messagesSkipped(), second.messagesIgnored(), second.files().size()));
    assertEquals(List.of(), second.failures());
    assertEquals(counts, counts(starling));
    assertEquals(List.of(true, true, true, true), importedFlags());
    assertEquals(tempBefore, temporaryDirectories());
  }

  /**
   * Before: import.max-message-size held for bounce files but an IMAP message of any size was downloaded
   * whole first. Now the server's size decides, before a byte of the body is fetched, and the message stays
   * unmarked so that a larger limit reads it next time.
   */
  @Test
  void aMessageOverTheSizeLimitIsNotDownloaded(DataDir dir) throws Exception {
    Files.createDirectories(dir.data());
    mail.server().setUser(USER, LOGIN, PASSWORD);
    deliver(hardBounce());
    mail.server().waitForIncomingEmail(5000, 1);
    Starling.create(dir.data(), dir.clock()).close();
    Files.writeString(dir.data().resolve("starling.yaml"), "import:\n  max-message-size: 200 B\n");
    try (Starling small = Starling.open(dir.data(), dir.clock())) {
      MailboxSummary first = importer(small).importFrom(address(), PASSWORD.toCharArray(), true);
      assertEquals(List.of(1, 0), List.of(first.messagesSeen(), first.messagesImported()));
      assertEquals(1, first.failures().size());
      assertTrue(first.failures().get(0).reason().matches(
          "message 1 is [0-9.,]+ (KB|bytes), larger than the limit of 200 bytes \\(import.max-message-size\\); not downloaded"),
          first.failures().get(0).reason());
      assertEquals(List.of(false), importedFlags());
    }
    Files.writeString(dir.data().resolve("starling.yaml"), "import:\n  max-message-size: 1 MB\n");
    try (Starling large = Starling.open(dir.data(), dir.clock())) {
      MailboxSummary second = importer(large).importFrom(address(), PASSWORD.toCharArray(), true);
      assertEquals(List.of(1, 1, 0), List.of(second.messagesSeen(), second.messagesImported(), second.failures().size()));
      assertEquals(List.of(true), importedFlags());
    }
  }

  /** The importer's temporary directories now in java.io.tmpdir (none should outlive a run). */
  private static List<Path> temporaryDirectories() throws java.io.IOException {
    try (var dirs = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "starling-imap-*")) {
      List<Path> out = new ArrayList<>();
      dirs.forEach(out::add);
      return out.stream().sorted().toList();
    }
  }

  @Test
  void refusesAPlaintextServerWhenTlsIsRequiredInsteadOfHanging(Starling starling) {
    mail.server().setUser(USER, LOGIN, PASSWORD);
    MailboxException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
        MailboxException.class, () -> importer(starling).importFrom(address(), PASSWORD.toCharArray(), false)));
    String prefix = "cannot connect to " + LOGIN + "@127.0.0.1:" + imapPort() + "/INBOX over TLS: ";
    assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
    assertTrue(e.getMessage().endsWith(
        "; if this server speaks only plaintext IMAP and you accept that, allow plaintext (--insecure-plaintext)"),
        e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
  }

  @Test
  void plaintextWasAdvisedForAHostThatDoesNotExist(Starling starling) {
    MailboxAddress nowhere = MailboxAddress.parse("imap://" + LOGIN + "@no-such-host.invalid:993/INBOX");
    MailboxException e = assertThrows(MailboxException.class,
        () -> importer(starling).importFrom(nowhere, PASSWORD.toCharArray(), false));
    assertEquals("cannot connect to " + LOGIN + "@no-such-host.invalid:993/INBOX over TLS: no host named"
        + " 'no-such-host.invalid' was found; check the host name in the address", e.getMessage());
  }

  @Test
  void plaintextWasAdvisedForAPortThatRefusesTheConnection(Starling starling) throws Exception {
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    MailboxAddress refused = MailboxAddress.parse("imap://" + LOGIN + "@127.0.0.1:" + closed + "/INBOX");
    for (boolean plaintext : new boolean[] {false, true}) {
      MailboxException e = assertThrows(MailboxException.class,
          () -> importer(starling).importFrom(refused, PASSWORD.toCharArray(), plaintext));
      String prefix = "cannot connect to " + LOGIN + "@127.0.0.1:" + closed + "/INBOX" + (plaintext ? "" : " over TLS")
          + ": nothing accepts connections on port " + closed + " of 127.0.0.1 (";
      assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
      assertTrue(e.getMessage().endsWith("); check the host and the port (IMAP over TLS is usually 993, plaintext IMAP 143)"),
          e.getMessage());
    }
  }

  @Test
  void aWrongPasswordIsAClearErrorThatDoesNotShowIt(Starling starling) {
    mail.server().setUser(USER, LOGIN, PASSWORD);
    MailboxException e = assertThrows(MailboxException.class,
        () -> importer(starling).importFrom(address(), "wrong-Pa55".toCharArray(), true));
    assertTrue(e.getMessage().startsWith("cannot log in to " + LOGIN + "@127.0.0.1:" + imapPort()
        + "/INBOX: the server refused the user or password"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-Pa55"), e.getMessage());
  }

  @Test
  void aMissingFolderIsNamed(Starling starling) {
    mail.server().setUser(USER, LOGIN, PASSWORD);
    MailboxAddress reports = new MailboxAddress(LOGIN, "127.0.0.1", imapPort(), "Reports/ESP");
    MailboxException e = assertThrows(MailboxException.class,
        () -> importer(starling).importFrom(reports, PASSWORD.toCharArray(), true));
    assertEquals("mailbox marketing@127.0.0.1:" + imapPort() + "/Reports/ESP: no folder named 'Reports/ESP'",
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      imap://marketing@mail.example.com:143/INBOX         | marketing         | mail.example.com | 143 | INBOX
      imap://marketing@mail.example.com/Reports           | marketing         | mail.example.com | 993 | Reports
      imaps://marketing@mail.example.com                  | marketing         | mail.example.com | 993 | INBOX
      IMAPS://marketing@mail.example.com:993/             | marketing         | mail.example.com | 993 | INBOX
      imap://me@example.com@imap.example.com/INBOX        | me@example.com    | imap.example.com | 993 | INBOX
      imap://me%40example.com@imap.example.com/INBOX      | me@example.com    | imap.example.com | 993 | INBOX
      imap://me+news@host/Reports/ESP%20Exports           | me+news           | host             | 993 | Reports/ESP Exports
      imap://m@[::1]:1143/INBOX                           | m                 | ::1              | 1143| INBOX
      "  imap://m@host:1/INBOX  "                         | m                 | host             | 1   | INBOX
      """)
  void parsesAddresses(String text, String user, String host, int port, String folder) {
    assertEquals(new MailboxAddress(user, host, port, folder), MailboxAddress.parse(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      mail.example.com                          | mailbox must look like imap://user@host[:port]/FOLDER but was 'mail.example.com'
      pop3://m@host/INBOX                       | mailbox must look like imap://user@host[:port]/FOLDER but was 'pop3://m@host/INBOX'
      imap://m@host/IN BOX                      | mailbox must look like imap://user@host[:port]/FOLDER but was 'imap://m@host/IN BOX'
      imap://m@host/INBOX?x=1                   | mailbox must look like imap://user@host[:port]/FOLDER but was 'imap://m@host/INBOX?x=1'
      imap://host/INBOX                         | mailbox must name a user, as in imap://user@host[:port]/FOLDER, but was 'imap://host/INBOX'
      imap://@host/INBOX                        | mailbox must name a user, as in imap://user@host[:port]/FOLDER, but was 'imap://@host/INBOX'
      imap://m@/INBOX                           | mailbox must name a host, as in imap://user@host[:port]/FOLDER, but was 'imap://m@/INBOX'
      imap://m@:143/INBOX                       | mailbox must name a host, as in imap://user@host[:port]/FOLDER, but was 'imap://m@:143/INBOX'
      imap://m@host:0/INBOX                     | mailbox port must be a number from 1 to 65535 but was '0' in 'imap://m@host:0/INBOX'
      imap://m@host:99999/INBOX                 | mailbox port must be a number from 1 to 65535 but was '99999' in 'imap://m@host:99999/INBOX'
      imap://m@host:imap/INBOX                  | mailbox port must be a number from 1 to 65535 but was 'imap' in 'imap://m@host:imap/INBOX'
      imap://m@host:/INBOX                      | mailbox port must be a number from 1 to 65535 but was '' in 'imap://m@host:/INBOX'
      imap://m:hunter2@host/INBOX               | mailbox must not contain a password (pass it separately) but was 'imap://m:***@host/INBOX'
      imap://m@host/100%                        | mailbox has a malformed %-escape in '100%' in 'imap://m@host/100%'
      """)
  void rejectsMalformedAddressesSayingWhy(String text, String message) {
    MailboxException e = assertThrows(MailboxException.class, () -> MailboxAddress.parse(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "events.csv, true", "EVENTS.CSV, true", "events.csv.gz, true", "report.xlsx, true", "feed.json, true",
      "feed.ndjson, true", "logo.png, false", "events.csv.txt, false", "report.xls, false", "csv, false"})
  void importsOnlyAttachmentsWithADataFileName(String name, boolean importable) {
    assertEquals(importable, MailboxImporter.isImportable(name));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      events.csv                 | events.csv
      ../../etc/events.csv       | events.csv
      C:\\\\reports\\\\events.csv    | events.csv
      =?UTF-8?Q?r=C3=A9sum=C3=A9.csv?= | résumé.csv
      ..                         | attachment
      """)
  void keepsOnlyTheAttachmentsOwnName(String raw, String expected) {
    assertEquals(expected, MailboxImporter.safeName(raw));
  }

  // --- fixtures ---

  private static MailboxImporter importer(Starling starling) {
    return MailboxImporter.into(starling).withTimeout(Duration.ofSeconds(5));
  }

  private static int imapPort() {
    return mail.server().getImap().getPort();
  }

  private static MailboxAddress address() {
    return MailboxAddress.parse("imap://" + LOGIN + "@127.0.0.1:" + imapPort() + "/INBOX");
  }

  private static Session smtpSession() {
    return GreenMailUtil.getSession(mail.server().getSmtp().getServerSetup());
  }

  private static MimeMessage espReport() throws Exception {
    MimeMessage m = newMessage("Weekly ESP report", "<esp-report-1@esp.example>");
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Your weekly event export is attached.", "UTF-8");
    MimeBodyPart csv = attachment("events-2026-05.csv", EVENTS_CSV.getBytes(), "text/csv");
    MimeBodyPart logo = attachment("logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2}, "image/png");
    m.setContent(new MimeMultipart(text, csv, logo));
    return saved(m, "<esp-report-1@esp.example>");
  }

  private static MimeMessage subscriberList() throws Exception {
    MimeMessage m = newMessage("Subscriber list", "<list-1@crm.example>");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText("List attached.", "UTF-8");
    MimeBodyPart html = new MimeBodyPart();
    html.setContent("<p>List attached.</p>", "text/html; charset=UTF-8");
    MimeBodyPart body = new MimeBodyPart();
    body.setContent(new MimeMultipart("alternative", plain, html));
    m.setContent(new MimeMultipart(body, attachment("Subscribers.CSV", SUBSCRIBERS_CSV.getBytes(), "text/csv")));
    return saved(m, "<list-1@crm.example>");
  }

  private static MimeMessage plainMail() throws Exception {
    MimeMessage m = newMessage("Lunch?", "<lunch-1@starling.test>");
    m.setText("No attachment here.", "UTF-8");
    return saved(m, "<lunch-1@starling.test>");
  }

  private static MimeMessage hardBounce() throws Exception {
    try (InputStream in = MailboxImporterTest.class.getResourceAsStream("/mailbox/hard-bounce.eml")) {
      return new MimeMessage(smtpSession(), in);
    }
  }

  private static MimeMessage newMessage(String subject, String messageId) throws Exception {
    MimeMessage m = new MimeMessage(smtpSession());
    m.setFrom(new InternetAddress("reports@esp.example"));
    m.setRecipient(Message.RecipientType.TO, new InternetAddress(USER));
    m.setSubject(subject, "UTF-8");
    m.setSentDate(java.util.Date.from(Instant.parse("2026-05-05T08:00:00Z")));
    return m;
  }

  private static MimeBodyPart attachment(String name, byte[] bytes, String type) throws Exception {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(bytes, type)));
    part.setFileName(name);
    part.setDisposition(MimeBodyPart.ATTACHMENT);
    return part;
  }

  /** Fixes the headers now, then sets our own Message-ID (saveChanges would otherwise invent one). */
  private static MimeMessage saved(MimeMessage m, String messageId) throws Exception {
    m.saveChanges();
    m.setHeader("Message-ID", messageId);
    return m;
  }

  /** Sends over real SMTP without Transport.send's saveChanges, so the bytes are the message's own. */
  private static void deliver(MimeMessage m) throws Exception {
    try (Transport t = smtpSession().getTransport("smtp")) {
      t.connect();
      t.sendMessage(m, m.getAllRecipients());
    }
  }

  /** Whether each message in INBOX (in order) carries the imported flag, read back over IMAP. */
  private static List<Boolean> importedFlags() throws Exception {
    Properties p = new Properties();
    p.setProperty("mail.imap.connectiontimeout", "5000");
    p.setProperty("mail.imap.timeout", "5000");
    try (Store store = Session.getInstance(p).getStore("imap")) {
      store.connect("127.0.0.1", imapPort(), LOGIN, PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        List<Boolean> flags = new ArrayList<>();
        for (Message m : inbox.getMessages()) {
          flags.add(m.getFlags().contains(MailboxImporter.IMPORTED_FLAG));
        }
        return flags;
      } finally {
        inbox.close(false);
      }
    }
  }

  private static Map<String, Long> counts(Starling s) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("subscribers", "campaigns", "messages", "events", "imports", "rejections")) {
      counts.put(table, Long.parseLong(rows(s, "SELECT count(*) FROM " + table).get(0)));
    }
    counts.put("on_list", Long.parseLong(rows(s, "SELECT count(*) FROM subscribers WHERE on_list = 1").get(0)));
    return counts;
  }

  private static List<String> rows(Starling s, String sql) {
    return dev.starling.engine.store.StoreProbe.rows(s.store(), sql);
  }

}
