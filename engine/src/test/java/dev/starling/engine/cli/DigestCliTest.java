package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.digest.Digest;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.leads.Lead;
import dev.starling.engine.leads.finder.LeadFinder;
import dev.starling.engine.testing.MailServerExtension;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import jakarta.mail.Address;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import dev.starling.engine.cli.CliRunner.Run;

/**
 * The weekly digest end to end: a generated list imported into a real store, three salespeople (one Spanish,
 * two English), sent through the CLI to a real SMTP server (GreenMail) and read back over IMAP.
 */
class DigestCliTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T08:00:00Z"), ZoneOffset.UTC);
  static final String SCRIPT = "<script>alert(1)</script>";
  static final Set<String> JOSE_COUNTRIES = Set.of("ES", "MX", "AR", "CO", "CL", "PE");
  static final Set<String> BOB_COUNTRIES = Set.of("GB", "IE", "DE", "FR", "IT", "NL", "PT");

  @RegisterExtension static final MailServerExtension mail = new MailServerExtension();

  @TempDir Path tmp;
  Path data;

  Run run(String... args) {
    return CliRunner.run(CLOCK, Map.of("STARLING_SMTP_PASSWORD", "smtp-secret"), args);
  }

  /** The imported store, made once: each test works on its own copy. */
  @TempDir static Path shared;
  static Path imported;
  static String scripted;

  @BeforeAll
  static void importOnce() throws Exception {
    Path in = shared.resolve("in");
    DatasetGenerator.generate(DatasetSpec.of(800, 8, 5), in);
    // A star subscriber whose first name is markup: it must arrive as text in the HTML part.
    scripted = Files.readAllLines(in.resolve("truth/stars.txt")).get(0);
    Path list = in.resolve("subscribers.csv");
    List<String> lines = new ArrayList<>();
    for (String l : Files.readAllLines(list, StandardCharsets.UTF_8)) {
      if (l.startsWith(scripted + ",")) {
        String[] f = l.split(",", -1);
        f[1] = SCRIPT;
        l = String.join(",", f);
      }
      lines.add(l);
    }
    Files.write(list, lines, StandardCharsets.UTF_8);
    imported = shared.resolve("data");
    try (Starling s = Starling.create(imported, CLOCK)) {
      for (String f : List.of("subscribers.csv", "campaigns.csv", "events.csv")) {
        s.importFile(in.resolve(f), null, ImportListener.NONE);
      }
    }
  }

  @BeforeEach
  void store() throws Exception {
    data = tmp.resolve("data");
    Files.createDirectories(data);
    try (var files = Files.list(imported)) {
      for (Path f : files.toList()) {
        Files.copy(f, data.resolve(f.getFileName()));
      }
    }
    Files.writeString(data.resolve("starling.yaml"), """
        digest:
          from: "Starling Digest <digest@starling.test>"
          reply-to: marketing@starling.test
          cap: 5
          default-recipient: ann@starling.test
          salespeople:
            - name: José Núñez
              email: jose@starling.test
              language: es
              time-zone: Europe/Madrid
              countries: [ES, MX, AR, CO, CL, PE]
            - name: "Ann Lee\\r\\nBcc: thief@evil.test"
              email: ann@starling.test
              language: en
              time-zone: America/New_York
            - name: Bob Stone
              email: bob@starling.test
              language: en
              time-zone: Europe/London
              countries: [GB, IE, DE, FR, IT, NL, PT]
        smtp:
          host: 127.0.0.1
          port: %d
          security: plain
          user: digest@starling.test
        serve:
          day: monday
          time: "07:30"
          time-zone: Europe/Madrid
        """.formatted(mail.server().getSmtp().getPort()), StandardCharsets.UTF_8);
    mail.server().setUser("digest@starling.test", "digest@starling.test", "smtp-secret");
    for (String who : List.of("jose", "ann", "bob")) {
      mail.server().setUser(who + "@starling.test", who + "@starling.test", "pw");
    }
  }

  @Test
  void threeSalespeopleEachGetTheirDigestOnceAndResendSendsAgain() throws Exception {
    Run first = run("digest", "--data", data.toString(), "--format", "csv");
    assertEquals("", first.err());
    assertEquals(0, first.code(), first.out());

    String week;
    List<Digest> plan;
    Set<Long> allLeads = new TreeSet<>();
    try (Starling s = Starling.open(data, CLOCK)) {
      week = s.suggestLeads().week();
      plan = s.digestJob().plan(week).digests();
      for (Lead l : new LeadFinder(s.store(), s.rules()).week(week)) {
        allLeads.add(l.id());
      }
    }
    assertTrue(allLeads.size() > 20, "the generated list must give a real week of suggestions: " + allLeads.size());
    // RFC 4180: CRLF after every record.
    StringBuilder expected = new StringBuilder("recipient,language,outcome,suggestions,people,accounts,in_message,detail\r\n");
    for (Digest d : plan) {
      expected.append(String.join(",", d.recipient().email(), d.recipient().language().key(), "sent",
          Integer.toString(d.suggestions()), Integer.toString(d.people().size()), Integer.toString(d.accounts().size()),
          Integer.toString(d.shownPeople().size() + d.shownAccounts().size()), "")).append("\r\n");
    }
    assertEquals(expected.toString(), first.out());
    assertEquals(allLeads.size(), plan.stream().mapToInt(Digest::suggestions).sum());

    Map<String, Set<Long>> attached = new HashMap<>();
    for (Digest d : plan) {
      String email = d.recipient().email();
      Message[] inbox = fetch(email);
      assertEquals(1, inbox.length, email);
      MimeMessage m = (MimeMessage) inbox[0];
      // Recipients: exactly the salesperson, no header smuggled in by a CR/LF in a name.
      assertEquals(List.of(email), addresses(m.getRecipients(Message.RecipientType.TO)));
      assertEquals(null, m.getRecipients(Message.RecipientType.CC));
      assertEquals(null, m.getRecipients(Message.RecipientType.BCC));
      assertEquals(null, m.getHeader("Bcc"));
      assertEquals(List.of("digest@starling.test"), addresses(m.getFrom()));
      assertEquals(List.of("marketing@starling.test"), addresses(m.getReplyTo()));
      assertTrue(m.getMessageID().matches("<starling\\.digest\\." + week + "\\.[0-9a-f]{12}\\.\\d+@starling\\.test>"),
          m.getMessageID());
      assertEquals(CLOCK.instant(), m.getSentDate().toInstant());
      boolean es = email.startsWith("jose");
      assertEquals(es
          ? "Starling · semana " + week + " · " + d.stars() + " suscriptores estrella, " + d.opportunities() + " oportunidades"
          : "Starling · week " + week + " · " + d.stars() + " star subscribers, " + d.opportunities() + " opportunities",
          m.getSubject());

      Parts parts = parts(m);
      String greeting = switch (email) {
        case "jose@starling.test" -> "Hola, José Núñez:";
        case "ann@starling.test" -> "Hello Ann Lee Bcc: thief@evil.test,";
        default -> "Hello Bob Stone,";
      };
      assertTrue(parts.text.startsWith(greeting + "\n\n"), parts.text);
      String htmlGreeting = greeting.replace("José Núñez", "José Núñez");
      assertTrue(parts.html.contains("<p style=\"margin:0 0 12px 0;\">" + htmlGreeting + "</p>"), parts.html);
      assertTrue(parts.html.contains(es ? "starling lead NÚMERO accepted|rejected" : "starling lead NUMBER accepted|rejected"));
      assertTrue(parts.text.contains(es ? "y después, según avance: starling lead NÚMERO contacted|won|lost"
          : "and later, as it goes: starling lead NUMBER contacted|won|lost"), parts.text);
      assertFalse(parts.html.contains("<script"), "no markup from the data reaches the HTML part");
      assertFalse(parts.html.contains("src=\"http"), "no external images");
      assertEquals(Set.of("text/plain", "text/html", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
          parts.types);
      assertEquals("starling-" + week + ".xlsx", parts.attachmentName);

      // The attachment: every suggestion routed to this salesperson, and only those, routed by country.
      Set<Long> ids = new HashSet<>();
      try (XSSFWorkbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(parts.attachment))) {
        Sheet sheet = wb.getSheet(es ? "sugerencias" : "suggestions");
        assertEquals(es ? "oportunidad" : "lead", sheet.getRow(0).getCell(1).getStringCellValue());
        assertEquals(es ? "país" : "country", sheet.getRow(0).getCell(7).getStringCellValue());
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
          Row row = sheet.getRow(r);
          ids.add((long) row.getCell(1).getNumericCellValue());
          String country = row.getCell(7) == null ? "" : row.getCell(7).getStringCellValue();
          switch (email) {
            case "jose@starling.test" -> assertTrue(JOSE_COUNTRIES.contains(country), country);
            case "bob@starling.test" -> assertTrue(BOB_COUNTRIES.contains(country), country);
            default -> assertFalse(JOSE_COUNTRIES.contains(country) || BOB_COUNTRIES.contains(country), country);
          }
        }
      }
      assertEquals(d.suggestions(), ids.size(), email);
      attached.put(email, ids);
    }
    Set<Long> union = new TreeSet<>();
    attached.values().forEach(union::addAll);
    assertEquals(allLeads, union, "every suggestion of the week reaches exactly one salesperson");
    assertEquals(allLeads.size(), attached.values().stream().mapToInt(Set::size).sum());

    // The person whose name was markup: escaped in HTML, plain in text, in whoever's digest they were routed to.
    String owner = plan.stream().filter(d -> d.people().stream().anyMatch(e -> e.key().equals(scripted)))
        .map(d -> d.recipient().email()).findFirst().orElseThrow();
    Digest ownerDigest = plan.stream().filter(d -> d.recipient().email().equals(owner)).findFirst().orElseThrow();
    assertTrue(ownerDigest.shownPeople().stream().anyMatch(e -> e.key().equals(scripted)), "the test needs them in the message");
    Parts withScript = parts((MimeMessage) fetch(owner)[0]);
    assertTrue(withScript.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), withScript.html);
    assertTrue(withScript.text.contains(SCRIPT), "plain text shows the name as it is: no markup is interpreted there");

    // A second run sends nothing; --resend sends again.
    Run second = run("digest", "--data", data.toString());
    assertEquals(0, second.code(), second.err());
    assertEquals(3, second.out().lines().filter(l -> l.contains(" already-sent ")).count(), second.out());
    assertEquals(3, mail.server().getReceivedMessages().length);
    Run resend = run("digest", "--data", data.toString(), "--resend", "--only", "jose@starling.test", "--format", "csv");
    assertEquals(0, resend.code(), resend.err());
    assertEquals(4, mail.server().getReceivedMessages().length);
    assertEquals(2, fetch("jose@starling.test").length);
    assertEquals(List.of("recipient,language,outcome,suggestions,people,accounts,in_message,detail"), resend.out().lines().limit(1).toList());
    assertTrue(resend.out().lines().skip(1).allMatch(l -> l.startsWith("jose@starling.test,es,sent,")), resend.out());
    assertEquals(2, resend.out().lines().count());
  }

  @Test
  void aDryRunWritesOneEmlPerRecipientAndSendsNothing() throws Exception {
    Path out = tmp.resolve("eml");
    // A team's own English subject; the Spanish one and every other template stay the shipped ones.
    Files.createDirectories(data.resolve("templates"));
    Files.writeString(data.resolve("templates/digest_en.subject"), "Leads of {{ week }} for {{ recipient }}\n");
    Run r = run("digest", "--data", data.toString(), "--dry-run", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(0, mail.server().getReceivedMessages().length);
    List<String> files;
    try (var list = Files.list(out)) {
      files = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    String week = files.get(0).substring(0, 8);
    assertEquals(List.of(week + "-ann@starling.test.eml", week + "-bob@starling.test.eml", week + "-jose@starling.test.eml"), files);
    try (InputStream in = Files.newInputStream(out.resolve(week + "-jose@starling.test.eml"))) {
      MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
      assertEquals("José Núñez", ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getPersonal());
      String raw = Files.readString(out.resolve(week + "-jose@starling.test.eml"), StandardCharsets.ISO_8859_1);
      assertTrue(raw.contains("To: =?UTF-8?Q?Jos=C3=A9_N=C3=BA=C3=B1ez?= <jose@starling.test>"), "RFC 2047 in the header");
    }
    try (InputStream in = Files.newInputStream(out.resolve(week + "-bob@starling.test.eml"))) {
      assertEquals("Leads of " + week + " for Bob Stone", new MimeMessage(Session.getInstance(new Properties()), in).getSubject());
    }
    try (InputStream in = Files.newInputStream(out.resolve(week + "-jose@starling.test.eml"))) {
      assertTrue(new MimeMessage(Session.getInstance(new Properties()), in).getSubject().startsWith("Starling · semana " + week));
    }
    // A dry run records nothing as sent: the real run afterwards still sends.
    Run send = run("digest", "--data", data.toString());
    assertEquals(0, send.code(), send.err());
    assertEquals(3, mail.server().getReceivedMessages().length);
  }

  @Test
  void serveFiresOnceAtTheConfiguredTimeAndSendsTheWeeksDigests() {
    // Wednesday 2 December 2026 08:00 UTC; the next Monday 07:30 in Madrid is 7 December 06:30 UTC.
    Instant[] now = {CLOCK.instant()};
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
    List<Instant> awaited = new ArrayList<>();
    dev.starling.engine.serve.ServeLoop.Waiter oneWeek = new dev.starling.engine.serve.ServeLoop.Waiter() {
      @Override
      public boolean waitUntil(Instant t) {
        awaited.add(t);
        if (awaited.size() > 1) {
          return false; // the second wait is where the test stops the service
        }
        now[0] = t;
        return true;
      }

      @Override
      public void wake() { }
    };
    StringWriter log = new StringWriter();
    dev.starling.engine.serve.ServeLoop loop = new dev.starling.engine.serve.ServeLoop(
        new dev.starling.engine.config.Schedule(java.time.DayOfWeek.MONDAY, java.time.LocalTime.of(7, 30),
            java.time.ZoneId.of("Europe/Madrid"), List.of()),
        clock, oneWeek, new dev.starling.engine.serve.WeeklyCycle(data, clock, Map.of("STARLING_SMTP_PASSWORD", "smtp-secret"),
            d -> { throw new AssertionError("no retries expected"); }), new PrintWriter(log));

    assertEquals(new dev.starling.engine.serve.ServeLoop.Runs(1, 0), loop.run(), log.toString());
    assertEquals(List.of(Instant.parse("2026-12-07T06:30:00Z"), Instant.parse("2026-12-14T06:30:00Z")), awaited);
    assertEquals(3, mail.server().getReceivedMessages().length);
    List<String> lines = log.toString().lines().toList();
    assertEquals("2026-12-02T09:00+01:00 next run 2026-12-07T07:30+01:00[Europe/Madrid]", lines.get(0));
    assertEquals("2026-12-07T07:30+01:00 run started (scheduled 2026-12-07T07:30+01:00[Europe/Madrid])", lines.get(1));
    assertEquals(3, lines.stream().filter(l -> l.matches("  digest \\d{4}-W\\d{2} to \\w+@starling.test: sent, .*")).count(),
        log.toString());
    assertEquals("2026-12-07T07:30+01:00 stopped", lines.get(lines.size() - 1));
  }

  @Test
  void usageMistakesAreOneLineErrors() {
    assertEquals(new Run(2, "", "starling: --dry-run needs --out DIR: where to write the .eml files (see 'starling digest --help')\n"),
        run("digest", "--data", data.toString(), "--dry-run"));
    assertEquals(new Run(1, "", "starling: --only nobody@starling.test is not one of the salespeople in digest.salespeople"
        + " (jose@starling.test, ann@starling.test, bob@starling.test)\n"),
        run("digest", "--data", data.toString(), "--only", "nobody@starling.test"));
    assertEquals(new Run(2, "", "starling: --week must look like 2026-W48 but was '48' (see 'starling digest --help')\n"),
        run("digest", "--data", data.toString(), "--week", "48"));
  }

  record Parts(String text, String html, byte[] attachment, String attachmentName, Set<String> types) {}

  static Parts parts(MimeMessage m) throws Exception {
    String[] text = new String[2];
    byte[][] att = new byte[1][];
    String[] name = new String[1];
    Set<String> types = new HashSet<>();
    walk(m, text, att, name, types);
    return new Parts(text[0], text[1], att[0], name[0], types);
  }

  private static void walk(Part p, String[] text, byte[][] att, String[] name, Set<String> types) throws Exception {
    if (p.isMimeType("multipart/*")) {
      Multipart mp = (Multipart) p.getContent();
      for (int i = 0; i < mp.getCount(); i++) {
        walk(mp.getBodyPart(i), text, att, name, types);
      }
      return;
    }
    types.add(p.getContentType().split(";")[0].strip().toLowerCase());
    if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
      try (InputStream in = p.getInputStream()) {
        att[0] = in.readAllBytes();
      }
      name[0] = p.getFileName();
    } else if (p.isMimeType("text/plain")) {
      text[0] = ((String) p.getContent()).replace("\r\n", "\n"); // MIME text travels with CRLF
    } else if (p.isMimeType("text/html")) {
      text[1] = ((String) p.getContent()).replace("\r\n", "\n");
    }
  }

  static Message[] fetch(String user) throws Exception {
    Properties props = new Properties();
    Session session = Session.getInstance(props);
    Store store = session.getStore("imap");
    store.connect("127.0.0.1", mail.server().getImap().getPort(), user, "pw");
    Folder inbox = store.getFolder("INBOX");
    inbox.open(Folder.READ_ONLY);
    Message[] messages = inbox.getMessages();
    List<Message> copies = new ArrayList<>();
    for (Message msg : messages) {
      copies.add(new MimeMessage((MimeMessage) msg)); // detached, readable after the folder closes
    }
    inbox.close(false);
    store.close();
    return copies.toArray(new Message[0]);
  }

  static List<String> addresses(Address[] a) {
    return a == null ? null : java.util.Arrays.stream(a).map(x -> ((InternetAddress) x).getAddress()).toList();
  }
}
