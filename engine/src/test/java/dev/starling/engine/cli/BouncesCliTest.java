package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Bounces as mail servers write them, end to end on a real store: every bounce lands (with or without
 * a campaign), its class decides suppression, and {@code starling bounces} and {@code starling rejects}
 * show what happened. Exact stdout, stderr and exit codes.
 */
class BouncesCliTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-01T08:00:00Z"), ZoneOffset.UTC);
  static final String HEADER = "email,at,campaign_id,class,status,reply_code,diagnostic,source\n";

  @TempDir Path tmp;
  Path data;

  /** CSV output ends its lines with CRLF (RFC 4180); expectations are written with plain newlines. */
  static String crlf(String text) {
    return text.replace("\n", "\r\n");
  }

  record Run(int code, String out, String err) {
    /** The summary lines an import prints about bounce mail (the first line has a wall time). */
    List<String> intake() {
      return out.lines().filter(l -> l.startsWith("  skipped") || l.startsWith("  bounces") || l.startsWith("  blocked")
          || l.contains("grouped into derived campaigns")).toList();
    }
  }

  Run run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data";
    all[args.length + 1] = data.toString();
    CommandLine cl = StarlingCommand.commandLine(new Context(Map.of(), CLOCK, false), false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(all);
    return new Run(code, out.toString(), err.toString());
  }

  String sampleText(String name) throws IOException {
    try (InputStream in = BouncesCliTest.class.getResourceAsStream("/bounces/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }

  Path sample(String name) throws IOException {
    try (InputStream in = BouncesCliTest.class.getResourceAsStream("/bounces/" + name)) {
      Path p = tmp.resolve(name);
      Files.copy(in, p);
      return p;
    }
  }

  /** A soft bounce for pedidos@ from an Exim relay, for campaign {@code campaign}, on {@code date}. */
  Path softBounce(String name, String campaign, String date) throws IOException {
    return Files.writeString(tmp.resolve(name), """
        From: Mail Delivery System <Mailer-Daemon@relay.example.net>
        To: bounces@news.starling.test
        Subject: Mail delivery failed: returning message to sender
        Date: %s
        Content-Type: multipart/report; report-type=delivery-status; boundary=b

        --b
        Content-type: message/delivery-status

        Reporting-MTA: dns; relay.example.net

        Action: failed
        Final-Recipient: rfc822;pedidos@ferreteria-levante.es
        Status: 5.2.2
        Diagnostic-Code: smtp; 552 5.2.2 Mailbox full

        --b
        Content-type: text/rfc822-headers

        X-Campaign-Id: %s

        --b--
        """.formatted(date, campaign));
  }

  /**
   * Newsletter nl-2025-02 went to five people on 4 February; two offers went to pedidos@ on 10 and 17
   * February. The sends are what a bounce without a campaign header is attached to.
   */
  @BeforeEach
  void sends() throws IOException {
    data = tmp.resolve("data");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (String who : List.of("ana.garcia@ferreteria-levante.es", "pedidos@ferreteria-levante.es",
        "compras@almacenes-turia.example", "info@sin-dominio.example", "maria.lopez@example.org")) {
      ev.append("send,").append(who).append(",nl-2025-02,2025-02-04T07:30:00Z\n");
    }
    ev.append("send,pedidos@ferreteria-levante.es,of-2025-07,2025-02-10T08:00:00Z\n");
    ev.append("send,pedidos@ferreteria-levante.es,of-2025-08,2025-02-17T08:00:00Z\n");
    Files.writeString(tmp.resolve("sends.csv"), ev);
    Run imp = run("import", tmp.resolve("sends.csv").toString());
    assertEquals(0, imp.code(), imp.err());
  }

  @Test
  void everyBounceLandsWithItsClassCodesAndDiagnosticAndOnlyHardOnesSuppress() throws IOException {
    Run imp = run("import", sample("postfix.eml").toString());
    assertEquals(List.of(0, List.of(
        "  bounces: 2 hard, 1 soft, 1 block; 0 without a campaign; 2 people suppressed",
        "  blocked (the sender's problem, no one suppressed) by receiving domain: almacenes-turia.example 1"), ""),
        List.of(imp.code(), imp.intake(), imp.err()));
    assertEquals(new Run(0, crlf(HEADER
        + "ana.garcia@ferreteria-levante.es,2025-02-04T07:30:02Z,nl-2025-02,hard,5.1.1,550,550 5.1.1 "
        + "<ana.garcia@ferreteria-levante.es>: Recipient address rejected: User unknown in virtual mailbox table,dsn\n"
        + "compras@almacenes-turia.example,2025-02-04T07:30:02Z,nl-2025-02,block,5.7.1,554,554 5.7.1 Service unavailable; "
        + "Client host [203.0.113.9] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.9,dsn\n"
        + "info@sin-dominio.example,2025-02-04T07:30:02Z,nl-2025-02,hard,5.4.4,,\"Host or domain name not found. Name "
        + "service error for name=sin-dominio.example type=MX: Host not found, try again\",dsn\n"
        + "pedidos@ferreteria-levante.es,2025-02-04T07:30:02Z,nl-2025-02,soft,5.2.2,552,552 5.2.2 "
        + "<pedidos@ferreteria-levante.es>: Recipient address rejected: Mailbox full,dsn\n"), ""),
        run("bounces", "--format", "csv"));
  }

  @Test
  void softBouncesSuppressOnlyAtTheThirdCampaignWithinThirtyDays() throws IOException {
    run("import", sample("postfix.eml").toString());
    Run second = run("import", softBounce("second.eml", "of-2025-07", "Mon, 10 Feb 2025 09:00:00 +0000").toString());
    assertEquals(List.of("  bounces: 0 hard, 1 soft, 0 block; 0 without a campaign; 0 people suppressed"), second.intake());
    Run third = run("import", softBounce("third.eml", "of-2025-08", "Mon, 17 Feb 2025 09:00:00 +0000").toString());
    assertEquals(List.of("  bounces: 0 hard, 1 soft, 0 block; 0 without a campaign; 1 person suppressed"), third.intake());
    assertEquals(new Run(0, crlf(HEADER
        + "pedidos@ferreteria-levante.es,2025-02-10T09:00:00Z,of-2025-07,soft,5.2.2,552,552 5.2.2 Mailbox full,dsn\n"
        + "pedidos@ferreteria-levante.es,2025-02-17T09:00:00Z,of-2025-08,soft,5.2.2,552,552 5.2.2 Mailbox full,dsn\n"), ""),
        run("bounces", "--format", "csv", "--class", "soft", "--since", "2025-02-05"));
  }

  @Test
  void aBounceWithoutCampaignHeaderWasRejectedAndIsNowAttachedToTheLatestSendBeforeIt() throws IOException {
    String eml = sampleText("no-campaign.eml").replace("14 Jan 2025 09:59:58", "05 Feb 2025 09:59:58")
        .replace("14 Jan 2025 10:00:05", "05 Feb 2025 10:00:05");
    Path file = Files.writeString(tmp.resolve("late.eml"), eml);
    Run imp = run("import", file.toString(), sample("no-campaign.eml").toString());
    assertEquals(List.of(0, List.of(
        "  bounces: 1 hard, 0 soft, 0 block; 0 without a campaign; 1 person suppressed",
        "  bounces: 1 hard, 0 soft, 0 block; 1 without a campaign; 0 people suppressed"), ""),
        List.of(imp.code(), imp.intake(), imp.err()));
    assertEquals(List.of(
        "maria.lopez@example.org,2025-01-14T09:59:58Z,,hard,5.1.1,550",
        "maria.lopez@example.org,2025-02-05T09:59:58Z,nl-2025-02,hard,5.1.1,550"),
        run("bounces", "--format", "csv").out().lines().skip(1).map(l -> l.substring(0, l.indexOf(",550") + 4)).toList());
  }

  @Test
  void aHardBounceNoCampaignCanBeFoundForStillEndsTheAddress() throws IOException {
    Run imp = run("import", sample("no-campaign.eml").toString());
    assertEquals(List.of("  bounces: 1 hard, 0 soft, 0 block; 1 without a campaign; 1 person suppressed"), imp.intake());
    assertEquals(List.of("status", "hard_bounced"), run("explain", "maria.lopez@example.org").out().lines()
        .filter(l -> l.startsWith("status ")).map(l -> List.of(l.split("\\s+")).subList(0, 2)).findFirst().orElseThrow());
  }

  @Test
  void aSpanishUnsubscribeListEndsTheSubscription() throws IOException {
    run("import", sample("bajas-windows-1252.csv").toString());
    assertEquals(List.of("status", "unsubscribed"), run("explain", "ana.garcia@ferreteria-levante.es").out().lines()
        .filter(l -> l.startsWith("status ")).map(l -> List.of(l.split("\\s+")).subList(0, 2)).findFirst().orElseThrow());
  }

  @Test
  void autoRepliesAreSkippedAndCountedAndTheRejectedRowIsShownByRejects() throws IOException {
    Run imp = run("import", sample("auto-replies.mbox").toString());
    assertEquals(List.of(0, List.of("  skipped, not imported: 2 auto-reply (RFC 3834)")), List.of(imp.code(), imp.intake()));
    assertEquals(new Run(0, crlf("import_id,file,line,reason,raw\n"
        + "2,auto-replies.mbox,3,\"message 3 (Message-ID <5e6f7a8b@reformas-paterna.example>) is not a bounce, a "
        + "complaint or an auto-reply (Content-Type text/plain; expected an RFC 3464 delivery status notification, an "
        + "RFC 5965 feedback report, or a qmail, Exim or Sendmail plain-text bounce)\",Subject: Re: Novedades de febrero\n"),
        ""), run("rejects", "2", "--format", "csv"));
  }

  @Test
  void rejectsOfAnImportThatDoesNotExistIsAnError() {
    Run r = run("rejects", "9");
    assertEquals(List.of(1, "", "starling: there is no import 9 (see 'starling imports')"),
        List.of(r.code(), r.out(), r.err().strip()));
  }

  @Test
  void wrongClassIsAUsageError() {
    Run r = run("bounces", "--class", "permanent");
    assertEquals(List.of(2, "", "starling: --class must be hard, soft or block but was 'permanent' (see 'starling bounces --help')"),
        List.of(r.code(), r.out(), r.err().lines().findFirst().orElse("")));
  }

  @Test
  void spanishUnsubscribeListFromExcelIsImportedWithItsDatesAndTheRowWithoutDateRejected() throws IOException {
    Run imp = run("import", sample("bajas-windows-1252.csv").toString());
    assertEquals(0, imp.code(), imp.err());
    assertEquals(new Run(0, crlf("import_id,file,line,reason,raw\n"
        + "2,bajas-windows-1252.csv,4,column 'Fecha de baja' is empty (the date is required),"
        + "sin-fecha@ferreteria-levante.es;Luis;;Baja por teléfono\n"), ""), run("rejects", "--format", "csv"));
  }
}
