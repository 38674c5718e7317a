package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dialect's spellings, run on a real SQLite file: what the repositories build their SQL from. */
class SqliteDialectTest {
  @TempDir Path tmp;

  @Test
  void greatestAndRatioComputeInOneRowWhatTheirNamesSay() {
    Dialect d = SqliteDialect.INSTANCE;
    try (Store store = Store.create(tmp)) {
      List<Object> row = store.read(tx -> {
        try (PreparedStatement ps = tx.connection().prepareStatement("SELECT " + d.greatest("?", "?", "?") + ", "
            + d.greatest("?", "?") + ", " + d.ratio("?", "?"))) {
          int[] values = {3, 9, 4, -1, -7, 5, 6};
          for (int i = 0; i < values.length; i++) {
            ps.setInt(i + 1, values[i]);
          }
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return List.<Object>of(rs.getLong(1), rs.getLong(2), rs.getDouble(3));
          }
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertEquals(List.of(9L, -1L, 5.0 / 6), row);
    }
  }

  @Test
  void greatestOfOneExpressionIsRefusedBecauseSqliteWouldReadItAsTheAggregate() {
    assertEquals("greatest needs two or more expressions but got 1",
        assertThrows(IllegalArgumentException.class, () -> SqliteDialect.INSTANCE.greatest("a")).getMessage());
  }

  /** A reader passes over each page once: a small cache, whose buffers are reused; writing raises it. */
  @Test
  void aConnectionReadsWithTheSmallPageCacheAndWritesWithTheLargeOne() {
    Store.create(tmp).close(); // creating migrates, in writing transactions
    try (Store store = Store.open(tmp)) {
      assertEquals(-2_000L, cacheSize(store));
      assertEquals(true, store.writableNow()); // the probe for the write lock writes nothing
      assertEquals(-2_000L, cacheSize(store));
      store.inTransaction(tx -> null);
      assertEquals(-262_144L, cacheSize(store));
    }
  }

  private static long cacheSize(Store store) {
    return store.readWithConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("PRAGMA cache_size"); ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }
}
