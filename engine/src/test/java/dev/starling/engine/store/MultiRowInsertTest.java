package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows sent many to a statement, on a real SQLite file: every row lands, in the order queued, and
 * the changed/unchanged file-row counts are exactly those of one statement per row.
 */
class MultiRowInsertTest {
  @TempDir Path tmp;

  /** Weights: 100 rows of 2 (a full statement of 64, then 36 queued), 1 row of 3, 70 rows of 1, 1 row of 2. */
  private static int weight(int i) {
    return i < 100 ? 2 : i == 100 ? 3 : i < 171 ? 1 : 2;
  }

  @Test
  void countsEachRowWithItsWeightAcrossFullStatementsWeightChangesAndTheTail() {
    try (Store store = Store.create(tmp)) {
      List<Long> counts = store.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
          // Already there: key 10 (in the first full statement), key 80 (queued before the weight change),
          // key 150 (among the weight-1 rows), key 171 (the last, a tail of one).
          s.executeUpdate("INSERT INTO t VALUES (10, 'old'), (80, 'old'), (150, 'old'), (171, 'old')");
        }
        MultiRowInsert insert = MultiRowInsert.values(c, "INSERT OR IGNORE INTO t (k, v) VALUES", "", 2);
        for (int i = 0; i < 172; i++) {
          insert.set(1, i);
          insert.set(2, i % 7 == 0 ? null : "v" + i);
          insert.queue(weight(i));
        }
        insert.flush();
        return List.of(insert.changed(), insert.unchanged());
      });
      long all = 0;
      for (int i = 0; i < 172; i++) {
        all += weight(i);
      }
      long ignored = weight(10) + weight(80) + weight(150) + weight(171);
      assertEquals(List.of(all - ignored, ignored), counts);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < 172; i++) {
        expected.add(i + " " + (i == 10 || i == 80 || i == 150 || i == 171 ? "old" : i % 7 == 0 ? "null" : "v" + i));
      }
      assertEquals(expected, StoreProbe.rows(store, "SELECT k, v FROM t ORDER BY k"));
    }
  }

  @Test
  void rowsLandInTheOrderQueuedSoALaterWriteOfTheSameKeyWins() {
    try (Store store = Store.create(tmp)) {
      store.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
        }
        MultiRowInsert upsert = MultiRowInsert.values(c, "INSERT INTO t (k, v) VALUES",
            " ON CONFLICT (k) DO UPDATE SET v = excluded.v", 2);
        // Key 5 is written in the first full statement, again in the one-by-one rows before a weight
        // change, and last in the tail: the tail's value must win.
        for (int i = 0; i < MultiRowInsert.ROWS; i++) {
          upsert.set(1, i);
          upsert.set(2, "first");
          upsert.queue(1);
        }
        upsert.set(1, 5);
        upsert.set(2, "second");
        upsert.queue(1);
        upsert.set(1, 5);
        upsert.set(2, "third");
        upsert.queue(2);
        upsert.flush();
        return null;
      });
      assertEquals(List.of("4 first", "5 third", "6 first"), StoreProbe.rows(store, "SELECT k, v FROM t WHERE k BETWEEN 4 AND 6 ORDER BY k"));
    }
  }

  @Test
  void aStatementThatCannotTakeSeveralRowsSendsEachOnItsOwn() {
    try (Store store = Store.create(tmp)) {
      List<Long> counts = store.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          s.executeUpdate("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)");
          s.executeUpdate("INSERT INTO t VALUES (3, 'old')");
        }
        MultiRowInsert insert = MultiRowInsert.oneByOne(c,
            "INSERT INTO t (k, v) SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM t WHERE k = ?)", 3);
        for (int i = 1; i <= 4; i++) {
          insert.set(1, i);
          insert.set(2, "new");
          insert.set(3, i);
          insert.queue(i);
        }
        insert.flush();
        return List.of(insert.changed(), insert.unchanged());
      });
      assertEquals(List.of(1L + 2 + 4, 3L), counts);
      assertEquals(List.of("1 new", "2 new", "3 old", "4 new"), StoreProbe.rows(store, "SELECT k, v FROM t ORDER BY k"));
    }
  }
}
