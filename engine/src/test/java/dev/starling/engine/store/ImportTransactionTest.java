package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import transaction on a real SQLite file: a first load runs under a rollback journal (no WAL
 * the size of the load), every other import under WAL, and a failed load leaves the store as it was.
 */
class ImportTransactionTest {
  @TempDir Path tmp;

  private static String journal(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void insertMessage(Connection c, int subscriber) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO messages (campaign_id, subscriber_id, sent_at) VALUES (1, " + subscriber + ", 5)");
    }
  }

  @Test
  void aFirstLoadRunsUnderARollbackJournalAndTheStoreIsInWalAgainAfter() {
    try (Store store = Store.create(tmp)) {
      String during = store.inImportTransaction(() -> {}, tx -> {
        try {
          insertMessage(tx.connection(), 1);
          return journal(tx.connection());
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertEquals("delete", during);
      assertEquals(List.of("wal"), StoreProbe.rows(store, "PRAGMA journal_mode"));
      assertEquals(List.of("1 1 5"), StoreProbe.rows(store, "SELECT campaign_id, subscriber_id, sent_at FROM messages"));
    }
  }

  @Test
  void anImportIntoAStoreThatHoldsEventsRunsUnderWal() {
    try (Store store = Store.create(tmp)) {
      store.withConnection(c -> {
        insertMessage(c, 1);
        return null;
      });
      String during = store.inImportTransaction(() -> {}, tx -> {
        try {
          return journal(tx.connection());
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertEquals("wal", during);
    }
  }

  @Test
  void aFirstLoadWhileAnotherConnectionHasTheStoreOpenRunsUnderWal() {
    try (Store store = Store.create(tmp); Store other = Store.open(tmp)) {
      String during = store.inImportTransaction(() -> {}, tx -> {
        try {
          return journal(tx.connection());
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertEquals("wal", during);
      assertEquals(List.of("0"), StoreProbe.rows(other, "SELECT count(*) FROM messages"));
    }
  }

  @Test
  void aFailedFirstLoadLeavesTheStoreAsItWasAndInWal() {
    try (Store store = Store.create(tmp)) {
      store.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO subscribers (id, email, domain) VALUES (1, 'a@b.example', 'b.example')");
        }
        return null;
      });
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.inImportTransaction(() -> {}, tx -> {
        try {
          for (int i = 1; i <= 5000; i++) {
            insertMessage(tx.connection(), i);
          }
        } catch (SQLException x) {
          throw new IllegalStateException(x);
        }
        throw new IllegalStateException("the reader failed");
      }));
      assertEquals("the reader failed", e.getMessage());
      assertEquals(List.of("0 1"), StoreProbe.rows(store, "SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM subscribers)"));
      assertEquals(List.of("wal"), StoreProbe.rows(store, "PRAGMA journal_mode"));
      assertFalse(Files.exists(tmp.resolve(Store.FILE_NAME + "-journal")));
    }
  }

  @Test
  void aStoreOpenedWhileAFirstLoadRunsOpensAtOnceAndSeesTheStoreAsItWasAfter() {
    try (Store store = Store.create(tmp)) {
      long openedIn = store.inImportTransaction(() -> {}, tx -> {
        try {
          insertMessage(tx.connection(), 1);
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
        long t = System.nanoTime();
        try (Store other = Store.open(tmp)) {
          return (System.nanoTime() - t) / 1_000_000;
        }
      });
      // The open does not wait out the 10 s busy timeout for WAL mode it cannot have yet.
      assertEquals(true, openedIn < 5_000, "opened in " + openedIn + " ms");
      try (Store after = Store.open(tmp)) {
        assertEquals(List.of("wal"), StoreProbe.rows(after, "PRAGMA journal_mode"));
        assertEquals(List.of("1"), StoreProbe.rows(after, "SELECT count(*) FROM messages"));
      }
    }
  }
}
