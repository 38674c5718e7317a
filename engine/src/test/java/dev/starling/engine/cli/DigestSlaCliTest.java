package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.cli.CliRunner.Run;
import dev.starling.engine.testing.MailServerExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest's SLA section, sent through a real SMTP server (GreenMail): last month's figures for the team
 * and for each recipient, in their language, in the text and the HTML part.
 */
class DigestSlaCliTest {
  @RegisterExtension static final MailServerExtension mail = new MailServerExtension();

  @TempDir Path tmp;

  static Run at(String utc, String... args) {
    return CliRunner.run(Clock.fixed(Instant.parse(utc), ZoneOffset.UTC), Map.of("STARLING_SMTP_PASSWORD", "smtp-secret"), args);
  }

  /**
   * On Monday 2 March 2026 08:00 UTC ana (GB, routed to Rita by default) and bo (ES, routed to José) are
   * suggested; Rita accepts ana's lead 26 h later (in time: due Wednesday 08:00) and wins it; bo's lead is
   * never answered. The digest of Monday 6 April shows March.
   */
  @Test
  void eachRecipientSeesLastMonthsTeamFiguresAndTheirOwn() throws Exception {
    Path data = tmp.resolve("data");
    String d = data.toString();
    Path list = Files.writeString(tmp.resolve("list.csv"),
        "email,name,company,country\nana@acme.example,Ana,Acme,GB\nbo@beta.example,Bo,Beta,ES\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      for (String who : List.of("ana@acme.example", "bo@beta.example")) {
        ev.append(CommandsCliTest.event("send", who, week, 0));
        if (who.startsWith("ana") || week > 0) {
          ev.append(CommandsCliTest.event("open", who, week, 3600));
        }
      }
    }
    Path events = Files.writeString(tmp.resolve("events.csv"), ev);
    assertEquals(0, at("2026-03-02T08:00:00Z", "import", list.toString(), events.toString(), "--data", d).code());
    assertEquals(0, at("2026-03-02T08:00:00Z", "leads", "--data", d).code());
    assertEquals(0, at("2026-03-03T10:00:00Z", "lead", "accept", "1", "--by", "Rita", "--data", d).code());
    assertEquals(0, at("2026-03-05T12:00:00Z", "lead", "won", "1", "--data", d).code());
    Files.writeString(data.resolve("starling.yaml"), """
        digest:
          from: "Starling Digest <digest@starling.test>"
          default-recipient: rita@starling.test
          salespeople:
            - name: Rita
              email: rita@starling.test
              language: en
            - name: José
              email: jose@starling.test
              language: es
              time-zone: Europe/Madrid
              countries: [ES]
        smtp:
          host: 127.0.0.1
          port: %d
          security: plain
          user: digest@starling.test
        """.formatted(mail.server().getSmtp().getPort()), StandardCharsets.UTF_8);
    mail.server().setUser("digest@starling.test", "digest@starling.test", "smtp-secret");

    Run sent = at("2026-04-06T08:00:00Z", "digest", "--data", d, "--format", "csv");
    assertEquals(0, sent.code(), sent.err());
    Map<String, DigestCliTest.Parts> byRecipient = new TreeMap<>();
    for (MimeMessage m : mail.server().getReceivedMessages()) {
      byRecipient.put(((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress(), DigestCliTest.parts(m));
    }
    assertEquals(List.of("jose@starling.test", "rita@starling.test"), List.copyOf(byRecipient.keySet()));

    assertEquals("""
        == The agreement last month (2026-03) ==
        - Team: 2 leads suggested, 50% accepted within the response time, lead velocity 26 h (median), conversion rate 100%; 1 open leads past the response time now
        - Yours: 1 leads, 100% accepted within the response time, lead velocity 26 h (median), conversion rate 100%; 0 of the leads routed to you open past the response time now""",
        section(byRecipient.get("rita@starling.test").text(), "== The agreement"));
    assertEquals("""
        == El acuerdo el mes pasado (2026-03) ==
        - Equipo: 2 oportunidades sugeridas, 50\u00a0% aceptadas dentro del plazo de respuesta, velocidad 26 h (mediana), tasa de conversión 100\u00a0%; 1 pendientes fuera de plazo ahora
        - Tuyas: 0 oportunidades, - aceptadas dentro del plazo de respuesta, velocidad - (mediana), tasa de conversión -; 1 de las que se te asignan pendientes fuera de plazo ahora""",
        section(byRecipient.get("jose@starling.test").text(), "== El acuerdo"));
    assertEquals("""
        <h2 style="font-size:18px;margin:20px 0 8px 0;color:#102a43;">The agreement last month (2026-03)</h2>
        <ul style="margin:0 0 12px 18px;padding:0;">
        <li>Team: <strong>2</strong> leads suggested, <strong>50%</strong> accepted within the response time, lead velocity 26 h (median), conversion rate 100%; <strong>1</strong> open leads past the response time now</li>
        <li>Yours: <strong>1</strong> leads, <strong>100%</strong> accepted within the response time, lead velocity 26 h (median), conversion rate 100%; <strong>0</strong> of the leads routed to you open past the response time now</li>
        </ul>""", section(byRecipient.get("rita@starling.test").html(), "<h2 style=\"font-size:18px;margin:20px 0 8px 0;color:#102a43;\">The agreement"));
  }

  /** From {@code start} to the end of its paragraph (the next blank line, or the next heading in HTML). */
  static String section(String body, String start) {
    int from = body.indexOf(start);
    if (from < 0) {
      throw new AssertionError("no '" + start + "' in\n" + body);
    }
    int end = body.indexOf("</ul>", from);
    if (start.startsWith("<h2")) {
      return body.substring(from, end + "</ul>".length());
    }
    int blank = body.indexOf("\n\n", from);
    return body.substring(from, blank < 0 ? body.length() : blank);
  }
}
