package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.starling.engine.testing.MailServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code starling lead replies} against a real GreenMail IMAP server: replies from two salespeople (one in
 * English with a wrapped quote header and a quoted line, one in Spanish with a signature) and one from a
 * stranger. Leads #1 (ana@acme.example) and #2 (bo@beta.example) are suggested on 2 March 2026 08:00 UTC.
 */
class LeadRepliesCliTest {
  @RegisterExtension
  static final MailServerExtension mail = new MailServerExtension();

  static final Map<String, String> ENV = Map.of("STARLING_IMAP_PASSWORD", "pw-123");

  @TempDir Path tmp;
  Path data;
  String box;

  CliRunner.Run at(String utc, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data");
    all.add(data.toString());
    CliRunner.Run r = CliRunner.run(Clock.fixed(Instant.parse(utc), ZoneOffset.UTC), ENV, all.toArray(String[]::new));
    // Message-IDs are made by the sending mail library: shown as <ID>.
    return new CliRunner.Run(r.code(), r.out().replaceAll("<[^<>@\\s]+@[^<>\\s]+>", "<ID>"),
        r.err().replaceAll("<[^<>@\\s]+@[^<>\\s]+>", "<ID>"));
  }

  @BeforeEach
  void twoLeadsAndThreeReplies() throws IOException {
    data = tmp.resolve("data");
    Path list = CommandsCliTest.twoSubscribersList(tmp);
    Path events = CommandsCliTest.twoSubscribersSixWeeks(tmp);
    assertEquals(0, at("2026-03-02T08:00:00Z", "import", list.toString(), events.toString()).code());
    assertEquals(0, at("2026-03-02T08:00:00Z", "leads").code());
    Files.writeString(data.resolve("starling.yaml"), """
        digest:
          from: Starling <starling@example.com>
          reply-to: reports@starling.test
          default-recipient: rita@sales.example
          salespeople:
            - name: Rita
              email: rita@sales.example
            - name: Paco
              email: Paco@Sales.example
              language: es
              countries: [ES]
        """);
    var smtp = mail.server().getSmtp().getServerSetup();
    GreenMailUtil.sendTextEmail("reports@starling.test", "rita@sales.example", "Re: Your Starling digest", """
        Hi,

        #1 accepted
        #1 won: signed on Friday
        #2 reject not a fit, student
        #7 maybe

        Rita
        On Mon, 2 Mar 2026 at 08:00, Starling <starling@example.com>
        wrote:
        > #2 won
        """, smtp);
    GreenMailUtil.sendTextEmail("reports@starling.test", "eve@elsewhere.example", "Re: Your Starling digest", "#1 lost\n", smtp);
    GreenMailUtil.sendTextEmail("reports@starling.test", "paco@sales.example", "RE: Tu resumen de Starling", """
        #2 aceptado lo reconsideramos
        #2 ganado
        #1 contactado
        --\s
        Paco, ventas
        #2 perdido
        """, smtp);
    box = "imap://reports@127.0.0.1:" + mail.server().getImap().getPort() + "/INBOX";
  }

  @Test
  void repliesBecomeOutcomesOnceAndAStrangersReplyIsIgnored() {
    assertEquals(new CliRunner.Run(0, "import_id,file,rows_read,recorded,already_recorded,rejected\r\n"
        + "3,reply <ID>,4,3,0,1\r\n"
        + "4,reply <ID>,3,2,0,1\r\n", """
        starling: reply <ID>:6: must be '#ID STATUS [reason] [note]' with STATUS one of accepted, contacted, won, lost, rejected (or aceptado, contactado, ganado, perdido, rechazado) but was '#7 maybe'
        starling: reply <ID>:3: lead #1 is won; it cannot become contacted (allowed from won: none)
        starling: reply <ID> from eve@elsewhere.example: ignored, the sender is not one of digest.salespeople
        """), at("2026-03-04T09:00:00Z", "lead", "replies", box, "--insecure-plaintext", "--format", "csv"));
    assertEquals(new CliRunner.Run(0, "id,week,rule_id,subject,who,status,owner,suggested_at\r\n"
        + "2,2026-W07,rising-engagement,subscriber,bo@beta.example,won,Paco,2026-03-02T08:00:00Z\r\n"
        + "\n"
        + "lead_id,at,from_status,to_status,by,reason,note\r\n"
        + "2,2026-03-02T08:00:00Z,,suggested,,,\r\n"
        + "2,2026-03-04T09:00:00Z,suggested,rejected,Rita,not a fit,student\r\n"
        + "2,2026-03-04T09:00:00Z,rejected,accepted,Paco,,lo reconsideramos\r\n"
        + "2,2026-03-04T09:00:00Z,accepted,won,Paco,,\r\n", ""), at("2026-03-04T09:00:00Z", "lead", "show", "2", "--format", "csv"));
    assertEquals("1,2026-03-04T09:00:00Z,accepted,won,Rita,,signed on Friday",
        at("2026-03-04T09:00:00Z", "lead", "show", "1", "--format", "csv").out().lines().reduce((a, b) -> b).orElseThrow());
    assertEquals(new CliRunner.Run(0, "import  file  rows  recorded  already recorded  rejected\n"
        + box.substring("imap://".length())
        + ": 3 messages: 0 replies read now, 0 ignored, 3 read before.\n", ""),
        at("2026-03-05T09:00:00Z", "lead", "replies", box, "--insecure-plaintext"));
  }

  @Test
  void withoutAMailboxOrAPasswordItSaysWhatIsMissing() {
    assertEquals(new CliRunner.Run(1, "", "starling: no mailbox to read replies from: give imap://user@host/FOLDER or set"
        + " leads.replies-mailbox in starling.yaml\n"), at("2026-03-04T09:00:00Z", "lead", "replies"));
  }
}
