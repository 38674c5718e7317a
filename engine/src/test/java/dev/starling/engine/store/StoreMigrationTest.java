package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import dev.starling.engine.leads.LeadEvent;
import dev.starling.engine.leads.LeadStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreMigrationTest {
  @TempDir Path tmp;

  @Test
  void aStoreWrittenByTheFirstVersionIsUpgradedOnOpenAndKeepsItsData() throws Exception {
    Path file = tmp.resolve(Store.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String stmt : Store.statements(resource("001-initial.sql"))) {
        s.executeUpdate(stmt);
      }
      s.executeUpdate("PRAGMA user_version = 1");
      s.executeUpdate("INSERT INTO subscribers (id, email, domain, on_list) VALUES (1, 'ana@acme.example', 'acme.example', 1)");
      s.executeUpdate("INSERT INTO imports (source, sha256, format, kind, started_at, finished_at, rows_read, imported,"
          + " duplicates, rejected, new_subscribers, new_campaigns) VALUES ('l.csv', 'x', 'starling-csv', 'subscribers', 1, 2, 1, 1, 0, 0, 1, 0)");
    }
    try (Store store = Store.open(tmp)) {
      assertEquals(Store.latestSchemaVersion(), store.schemaVersion());
      assertEquals(List.of("ana@acme.example"), column(store, "SELECT email FROM subscribers"));
      assertEquals(List.of("0"), column(store, "SELECT untracked_sends FROM imports")); // added by 002, defaulted
      assertEquals(List.of(), column(store, "SELECT campaign_id FROM dirty_campaigns")); // added by 004
    }
    try (Store again = Store.open(tmp)) {
      assertEquals(Store.latestSchemaVersion(), again.schemaVersion()); // nothing runs twice
    }
  }

  @Test
  void aStoreAtVersion4WithLeadsUpgradesAndKeepsTheirHistory() throws Exception {
    Path file = tmp.resolve(Store.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String migration : SqliteDialect.INSTANCE.migrations().subList(0, 4)) {
        for (String stmt : Store.statements(resource(migration))) {
          s.executeUpdate(stmt);
        }
      }
      s.executeUpdate("PRAGMA user_version = 4");
      s.executeUpdate("INSERT INTO leads (id, week, subject, subject_key, rule_id, priority, reason, activity_mark, status,"
          + " suggested_at, status_at) VALUES (7, '2026-W10', 'subscriber', 'ana@acme.example', 'star-subscriber', 1, 'r', 5,"
          + " 'suggested', 1000, 1000), (8, '2026-W10', 'account', 'acme', 'account-surge', 2, 'r', 5, 'won', 1000, 3000)");
    }
    try (Store store = Store.open(tmp)) {
      assertEquals(Store.latestSchemaVersion(), store.schemaVersion());
      LeadBook book = new LeadBook(store);
      assertEquals(List.of(new LeadEvent(7, Optional.empty(), LeadStatus.SUGGESTED, 1000, Optional.empty(), Optional.empty())),
          book.history(7));
      assertEquals(List.of(new LeadEvent(8, Optional.empty(), LeadStatus.SUGGESTED, 1000, Optional.empty(), Optional.empty()),
          new LeadEvent(8, Optional.of(LeadStatus.SUGGESTED), LeadStatus.WON, 3000, Optional.empty(), Optional.empty())),
          book.history(8));
      assertEquals(List.of("ana@acme.example suggested", "acme won"), column(store,
          "SELECT subject_key || ' ' || status FROM leads ORDER BY id")); // the leads themselves are untouched
    }
  }

  @Test
  void aStoreFromANewerStarlingIsRefusedWithAClearMessage() throws Exception {
    Path file = tmp.resolve(Store.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA user_version = 99");
    }
    StoreException e = assertThrows(StoreException.class, () -> Store.open(tmp));
    assertEquals("the store " + file + " is at schema version 99 but this Starling knows only up to "
        + Store.latestSchemaVersion() + "; use a newer Starling", e.getMessage());
  }

  private static List<String> column(Store store, String sql) {
    return store.readWithConnection(c -> {
      List<String> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Store.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
