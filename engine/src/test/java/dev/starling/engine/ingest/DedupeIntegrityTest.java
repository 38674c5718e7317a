package dev.starling.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.engine.app.Starling;
import dev.starling.engine.store.Store;
import dev.starling.engine.store.StoreProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content-based dedupe: what two rows say decides whether they are one event, not their order in the file. */
class DedupeIntegrityTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
  static final String HEADER = "type,email,campaign_id,at,user_agent,ip\n";
  static final String SEND = "send,ana@acme.example,c1,2026-05-01T10:00:00Z,,\n";
  static final String SCANNER = "open,ana@acme.example,c1,2026-05-01T10:05:00Z,Barracuda Sentinel (EE),203.0.113.9\n";
  static final String PERSON = "open,ana@acme.example,c1,2026-05-01T10:05:00Z,Mozilla/5.0 (iPhone),198.51.100.7\n";
  static final String EVENTS = "SELECT c.code, s.email, e.type, e.at, a.text, e.ip FROM events e JOIN campaigns c ON c.id = e.campaign_id"
      + " JOIN subscribers s ON s.id = e.subscriber_id LEFT JOIN agents a ON a.id = e.agent_id ORDER BY e.at, a.text";

  @TempDir Path tmp;

  @Test
  void twoDifferentOpensInTheSameSecondCollapsedIntoOneDependingOnFileOrder() throws IOException {
    List<String> expected = List.of(
        "c1 ana@acme.example 3 " + at("2026-05-01T10:05:00Z") + " Barracuda Sentinel (EE) 203.0.113.9",
        "c1 ana@acme.example 3 " + at("2026-05-01T10:05:00Z") + " Mozilla/5.0 (iPhone) 198.51.100.7");
    assertEquals(expected, importInto("a", HEADER + SEND + SCANNER + PERSON));
    assertEquals(expected, importInto("b", HEADER + SEND + PERSON + SCANNER));
  }

  @Test
  void reimportingAnOldFileIntoAStoreKeyedBeforeAgentAndIpCountedAddsNothing() throws Exception {
    Path data = tmp.resolve("old");
    Files.createDirectories(data);
    Event open = new Event(EventType.OPEN, "ana@acme.example", "c1", Instant.parse("2026-05-01T10:05:00Z").toEpochMilli(),
        "starling", null, "Mozilla/5.0 (iPhone)", "198.51.100.7", null, null, null, null);
    // A store at schema version 4 (before 006) holding that open under the key of its time.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Store.FILE_NAME));
        Statement s = c.createStatement()) {
      for (String m : List.of("001-initial.sql", "002-import-quality.sql", "003-engagement-and-leads.sql",
          "004-incremental-features.sql")) {
        for (String stmt : statements(m)) {
          s.executeUpdate(stmt);
        }
      }
      s.executeUpdate("PRAGMA user_version = 4");
      s.executeUpdate("INSERT INTO subscribers (id, email, domain, on_list) VALUES (1, 'ana@acme.example', 'acme.example', 0)");
      s.executeUpdate("INSERT INTO campaigns (id, code, placeholder) VALUES (1, 'c1', 1)");
      s.executeUpdate("INSERT INTO agents (id, text) VALUES (1, 'Mozilla/5.0 (iPhone)')");
      s.executeUpdate("INSERT INTO events (campaign_id, subscriber_id, dedupe, type, at, agent_id, ip, import_id) VALUES (1, 1, "
          + open.legacyDedupeKey() + ", 3, " + open.atMillis() + ", 1, '198.51.100.7', 1)");
    }
    Path file = Files.writeString(tmp.resolve("again.csv"), HEADER + PERSON);
    try (Starling s = Starling.open(data, CLOCK)) {
      ImportSummary sum = s.importFile(file, null, ImportListener.NONE);
      assertEquals(List.of(1L, 0L, 1L), List.of(sum.rowsRead(), sum.imported(), sum.duplicates()));
      assertEquals(List.of("1"), StoreProbe.rows(s.store(), "SELECT count(*) FROM events"));
    }
  }

  private List<String> importInto(String name, String csv) throws IOException {
    Path file = Files.writeString(tmp.resolve(name + ".csv"), csv);
    try (Starling s = Starling.create(tmp.resolve("data-" + name), CLOCK)) {
      ImportSummary sum = s.importFile(file, null, ImportListener.NONE);
      assertEquals(List.of(3L, 3L, 0L), List.of(sum.rowsRead(), sum.imported(), sum.duplicates()));
      return StoreProbe.rows(s.store(), EVENTS);
    }
  }

  private static String at(String iso) {
    return Long.toString(Instant.parse(iso).toEpochMilli());
  }

  private static List<String> statements(String migration) throws IOException {
    try (InputStream in = Store.class.getResourceAsStream(migration)) {
      String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return java.util.Arrays.stream(sql.replaceAll("--[^\n]*", "").split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }
  }
}
