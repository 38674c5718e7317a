package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import dev.starling.engine.store.StoreProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code starling forget} and {@code starling export-person} on the store of {@link ProfilesCliTest}, plus
 * a rejected row that carries ana's address: after the erasure no file of the data directory holds a
 * byte of her address or her name, and importing the old logs again does not bring her back.
 */
class ForgetCliTest {
  static final String NOW = "2026-02-22T09:00:00Z";

  @TempDir Path tmp;
  Path data;

  CliRunner.Run at(String utc, String... args) {
    return CliRunner.inData(data, CliRunner.at(utc), Map.of("COLUMNS", "160"), args);
  }

  CliRunner.Run run(String... args) {
    return at(NOW, args);
  }

  @BeforeEach
  void store() throws IOException {
    data = tmp.resolve("data");
    ProfilesCliTest.script(tmp, data, args -> at(ProfilesCliTest.NOW, args));
    Files.writeString(tmp.resolve("late.csv"), """
        type,email,campaign_id,at,user_agent,ip,url
        open,ana@acme.example,nl-4,31/02/2026,,,
        open,bo@acme.example,nl-4,2026-02-03T12:00:00Z,Mozilla/5.0,198.51.100.7,
        """);
    assertEquals(0, run("import", tmp.resolve("late.csv").toString()).code());
    assertEquals(0, at("2026-02-21T10:00:00Z", "lead", "accept", "1", "--by", "Rita", "--note", "call Ana Alvarez").code());
  }

  /** Every file below {@code dir} whose bytes contain one of {@code needles}, in any ASCII case: "file: needle". */
  static List<String> traces(Path dir, String... needles) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        for (String n : needles) {
          if (bytes.contains(n.toLowerCase(Locale.ROOT))) {
            found.add(dir.relativize(f) + ": " + n);
          }
        }
      }
    }
    return found;
  }

  /** The output with the compaction's wall time as "T". */
  static CliRunner.Run timeless(CliRunner.Run r) {
    return new CliRunner.Run(r.code(), r.out().replaceAll(" in \\d+\\.\\d s", " in T s"), r.err());
  }

  @Test
  void forgetLeavesNoByteOfTheAddressOrTheNameInAnyFile() throws IOException {
    assertEquals(List.of("starling.db: ana@acme.example", "starling.db: alvarez"), traces(data, "ana@acme.example", "alvarez"));
    assertEquals(new CliRunner.Run(0, """
        forgot ana@acme.example: 5 messages, 7 open/click/unsubscribe events, 1 feature row, 1 subscriber, 2 leads, \
        3 lead steps, 1 rejected row; account acme recounted
        kept only a salted hash of the address; no trace left in the store files (every byte searched) in T s
        """, ""), timeless(run("forget", "Ana@Acme.example", "--by", "DPO Desk")));
    assertEquals(List.of(), traces(data, "ana@acme.example", "alvarez"));
    try (Starling s = Starling.open(data, Clock.systemUTC())) {
      List<String> record = StoreProbe.rows(s.store(), "SELECT length(hash), at, by, erased FROM forgotten");
      assertEquals(List.of("64 1771750800000 DPO Desk 20"), record);
      assertEquals(List.of("acme 2 1"), StoreProbe.rows(s.store(), "SELECT account, people, engaged_people FROM account_features"));
    }
    assertEquals(new CliRunner.Run(1, "", "starling: no subscriber ana@acme.example in " + data + "\n"),
        run("subscriber", "ana@acme.example"));
  }

  @Test
  void aCopyLeftInFreeSpaceBeforeMakesItRebuildTheFile() throws IOException {
    // A row naming ana deleted while secure deletion was off (a store written by another SQLite build or
    // tool, or a page split or overflow chain freed whole): its bytes stay in free space, where no erasure
    // of today's rows reaches.
    try (Starling s = Starling.open(data, Clock.systemUTC())) {
      StoreProbe.execute(s.store(), "PRAGMA secure_delete = OFF", "INSERT INTO agents (id, text) VALUES (999, 'Mailer for ana@acme.example')",
          "DELETE FROM agents WHERE id = 999");
    }
    assertEquals(new CliRunner.Run(0, """
        forgot ana@acme.example: 5 messages, 7 open/click/unsubscribe events, 1 feature row, 1 subscriber, 2 leads, \
        3 lead steps, 1 rejected row; account acme recounted
        kept only a salted hash of the address; found an old copy in free space, rebuilt the store file; no trace left in it in T s
        """, ""), timeless(run("forget", "ana@acme.example")));
    assertEquals(List.of(), traces(data, "ana@acme.example", "alvarez"));
  }

  @Test
  void importingTheOldLogsAgainDoesNotBringThePersonBack() throws IOException {
    assertEquals(0, run("forget", "ana@acme.example").code());
    assertEquals(new CliRunner.Run(0, "events.csv: already imported (import #3); nothing changed\n", ""),
        run("import", tmp.resolve("events.csv").toString()));
    // The same logs exported again (other bytes, same rows): every row of ana's is skipped, her rejected row too.
    // (cy's list row sets her status back to subscribed and her bounce suppresses her again: import as it is.)
    Path again = tmp.resolve("again");
    Files.createDirectories(again);
    for (String name : List.of("list.csv", "events.csv", "late.csv")) {
      Files.writeString(again.resolve(name), Files.readString(tmp.resolve(name)).replace("\n", "\r\n"));
    }
    assertEquals(new CliRunner.Run(0, """
        list.csv: starling-csv subscribers, 3 rows read: 1 imported, 1 duplicate skipped, 0 rejected (0 new subscribers, \
        0 unknown campaigns created) in T s [import #5]
          skipped, not imported: 1 forgotten
        events.csv: starling-csv events, 27 rows read: 0 imported, 10 duplicates skipped, 0 rejected (0 new subscribers, \
        0 unknown campaigns created) in T s [import #6]
          data quality: 0 opens/clicks with no matching send, 0 clicks before delivery, 0 events before the subscriber joined, \
        1 send in campaigns with no opens or clicks
          skipped, not imported: 17 forgotten
          bounces: 1 hard, 0 soft, 0 block; 0 without a campaign; 1 person suppressed
        late.csv: starling-csv events, 2 rows read: 0 imported, 1 duplicate skipped, 0 rejected (0 new subscribers, \
        0 unknown campaigns created) in T s [import #7]
          skipped, not imported: 1 forgotten
        """, ""), timeless(run("import", again.resolve("list.csv").toString(), again.resolve("events.csv").toString(),
        again.resolve("late.csv").toString())));
    assertEquals(List.of(), traces(data, "ana@acme.example", "alvarez"));
    assertEquals(1, run("subscriber", "ana@acme.example").code());
  }

  @Test
  void anUnknownAddressErasesNobodyAndASecondForgetSaysWhen() {
    assertEquals(new CliRunner.Run(1, "", "starling: no subscriber zed@acme.example in " + data + "\n"),
        run("forget", "bo@acme.example", "zed@acme.example"));
    assertEquals(0, run("subscriber", "bo@acme.example").code());
    assertEquals(0, run("forget", "cy@acme.example").code());
    assertEquals(new CliRunner.Run(1, "", "starling: cy@acme.example was already forgotten on 2026-02-22T09:00:00Z;"
        + " nothing of it is left in the store\n"), run("forget", "cy@acme.example"));
  }

  @Test
  void exportPersonWritesEverythingHeldAsOneJsonDocument() throws IOException {
    assertEquals(new CliRunner.Run(0, "wrote " + tmp.resolve("cy.json") + "\n", ""),
        run("export-person", "CY@acme.example", "--output", tmp.resolve("cy.json").toString()));
    assertEquals("""
        {
          "email" : "cy@acme.example",
          "exported_at" : "2026-02-22T09:00:00Z",
          "subscriber" : {
            "email" : "cy@acme.example",
            "first_name" : "Cy",
            "last_name" : "Cole",
            "company" : "Acme",
            "domain" : "acme.example",
            "country" : "ES",
            "tags" : [ ],
            "joined" : "2025-11-05T00:00:00Z",
            "list_status" : "cleaned",
            "on_list" : true
          },
          "features" : {
            "account" : "acme",
            "received" : 0,
            "delivered" : 0,
            "campaigns_opened" : 0,
            "human_opens" : 0,
            "machine_opens" : 0,
            "human_clicks" : 0,
            "machine_clicks" : 0,
            "last_n" : 0,
            "last_n_opened" : 0,
            "streak" : 0,
            "recent_misses" : 0,
            "last_human_at" : null,
            "first_human_at" : null,
            "score" : 0.0,
            "trend" : 0.0,
            "star_tier" : 0,
            "was_star" : false,
            "dormant_before" : false,
            "confidence" : "high",
            "status" : "hard_bounced",
            "state" : "unreachable",
            "clicked_urls" : [ ],
            "high_intent_clicks" : 0,
            "high_intent_pages" : [ ],
            "as_of" : "2026-02-03T10:01:40Z"
          },
          "messages" : [ {
            "campaign" : "nl-0",
            "campaign_name" : "News #0",
            "list" : "news",
            "sent_at" : "2026-01-06T09:00:00Z",
            "delivered_at" : null,
            "bounced_at" : "2026-01-06T09:00:30Z"
          } ],
          "bounces" : [ {
            "campaign" : "nl-0",
            "at" : "2026-01-06T09:00:30Z",
            "class" : "hard",
            "status" : null,
            "reply_code" : null,
            "diagnostic" : "550 5.1.1 <cy@acme.example>: user unknown",
            "source" : "starling"
          } ],
          "opens_and_clicks" : [ ],
          "complaints_and_unsubscribes" : [ ],
          "leads" : [ ],
          "digest_weeks" : [ ],
          "rejected_rows" : [ ]
        }
        """, Files.readString(tmp.resolve("cy.json")));
  }
}
