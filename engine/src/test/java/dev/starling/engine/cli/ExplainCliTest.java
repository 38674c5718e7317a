package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.cli.CliRunner.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} for the people it used to get wrong, on a real store. */
class ExplainCliTest {
  @TempDir Path tmp;
  Path data;

  Run inData(String... args) {
    return CliRunner.inData(data, CommandsCliTest.CLOCK, Map.of("COLUMNS", "120"), args);
  }

  /**
   * ana opens all six newsletters; gus opened them all too, then unsubscribed; cy is on the list and
   * has been sent nothing yet.
   */
  @BeforeEach
  void importThreePeople() throws IOException {
    data = tmp.resolve("data");
    Path list = Files.writeString(tmp.resolve("list.csv"), "email,company,created_at\nana@acme.example,Acme,2025-11-02T10:00:00Z\n"
        + "gus@acme.example,Acme,2025-11-02T10:00:00Z\ncy@gmail.com,,2026-02-20T09:30:00Z\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      for (String who : List.of("ana@acme.example", "gus@acme.example")) {
        ev.append(CommandsCliTest.event("send", who, week, 0));
        ev.append(CommandsCliTest.event("open", who, week, 3600));
      }
    }
    ev.append(CommandsCliTest.event("unsubscribe", "gus@acme.example", 5, 7200));
    Path events = Files.writeString(tmp.resolve("events.csv"), ev);
    Run imp = inData("import", list.toString(), events.toString());
    assertEquals(0, imp.code(), imp.err());
  }

  @Test
  void explainSaidNoSubscriberForAListedPersonWithNoEventsYet() {
    assertEquals(new Run(0, """
        cy@gmail.com  (company: -; account: none (free-mail))

        Listed, no events yet: on the list since 2026-02-20, and no newsletter has been sent to them, so there are no features,
        opens, clicks or rules to show.
        """, ""), inData("explain", "cy@gmail.com"));
    assertEquals(new Run(1, "", "starling: no subscriber nobody@acme.example in " + data + "\n"),
        inData("explain", "nobody@acme.example"));
  }

  @Test
  void anUnsubscribedPersonShowedStateEngaged() {
    Run gus = inData("explain", "gus@acme.example");
    assertEquals(0, gus.code(), gus.err());
    assertEquals(List.of(
        "status                     unsubscribed      active, unsubscribed, complained or hard_bounced",
        "state                      unreachable       unknown, new, dormant, engaged, active or unreachable"),
        gus.out().lines().filter(l -> l.startsWith("status ") || l.startsWith("state ")).toList());
    assertEquals("Not a lead whatever the rules say: status is unsubscribed.", gus.out().strip().lines().reduce((a, b) -> b).orElseThrow());
    Run ana = inData("explain", "ana@acme.example");
    assertEquals(List.of("state                      engaged           unknown, new, dormant, engaged, active or unreachable"),
        ana.out().lines().filter(l -> l.startsWith("state ")).toList());
  }

  @Test
  void explainHeadingsWereEnglishWhenTheOutputLanguageIsSpanish() throws IOException {
    Files.writeString(data.resolve("starling.yaml"), "output:\n  language: es\n");
    Run gus = inData("explain", "gus@acme.example");
    assertEquals(0, gus.code(), gus.err());
    assertEquals(List.of(
        "gus@acme.example  (empresa: Acme; cuenta: acme)",
        "Indicadores a 2026-02-10 11:00 UTC:",
        "Aperturas y clics (6):",
        "Reglas (default-rules.yaml):",
        "No es una oportunidad, digan lo que digan las reglas: su estado es unsubscribed."),
        gus.out().lines().filter(l -> !l.isEmpty() && !l.startsWith(" ") && !l.contains("  ") || l.startsWith("gus@")).toList());
    assertEquals(new Run(0, """
        cy@gmail.com  (empresa: -; cuenta: ninguna (correo gratuito))

        En la lista, sin eventos todavía: en la lista desde 2026-02-20, y aún no se le ha enviado ningún boletín, así que no hay
        indicadores, aperturas, clics ni reglas que mostrar.
        """, ""), inData("explain", "cy@gmail.com"));
  }

  /** High intent is defined once (engagement.high-intent-urls), and Spanish pages count by default. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "https://acme.es/es/precios?utm=news, precios", "https://acme.es/tarifas, tarifas", "https://acme.es/demo/, demo",
      "https://acme.es/contacto, contacto", "https://acme.es/presupuesto, presupuesto", "https://acme.es/prueba#gratis, prueba",
      "https://acme.example/pricing, pricing"})
  void spanishPagesDidNotCountAsHighIntent(String url, String page) throws IOException {
    data = tmp.resolve("intent");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at,user_agent,ip,url\n");
    for (String type : List.of("delivery", "open", "click")) {
      ev.append(type).append(",eva@acme.es,nl-1,2026-02-26T").append(type.equals("delivery") ? "09:00:00Z" : "11:00:00Z")
          .append(type.equals("delivery") ? ",,," : ",Outlook,80.1.1.1,").append(type.equals("click") ? url : "").append("\n");
    }
    Path events = Files.writeString(tmp.resolve("intent.csv"), ev);
    assertEquals(0, inData("import", events.toString()).code());
    Run r = inData("explain", "eva@acme.es");
    assertEquals(List.of("1", "[" + page + "]"), r.out().lines()
        .filter(l -> l.startsWith("high_intent_clicks ") || l.startsWith("high_intent_pages "))
        .map(l -> l.split(" +")[1]).toList(), r.out());
    assertEquals(List.of("  high-intent-click (priority 1, High-intent click): fired: clicked high-intent pages: " + page),
        r.out().lines().filter(l -> l.startsWith("  high-intent-click")).toList());
  }
}
