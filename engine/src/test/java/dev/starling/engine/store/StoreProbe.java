package dev.starling.engine.store;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * For tests outside the store package: reads raw rows to check exactly what landed in the file. It
 * lives here because no {@code Connection} leaves this package, not even for tests.
 */
public final class StoreProbe {
  private StoreProbe() {}

  /** Caps the store file at its current size plus {@code pages} pages: a write past that fails as on a full disk. */
  public static void fillDiskAfter(Store store, long pages) {
    long now = Long.parseLong(rows(store, "PRAGMA page_count").get(0));
    store.capPagesForTest(now + pages);
  }

  /** Each row of {@code sql}, its cells joined by a space ({@code null} as "null"), in the query's order. */
  public static List<String> rows(Store store, String sql) {
    return store.readWithConnection(c -> {
      List<String> out = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            cells.add(String.valueOf(rs.getString(i)));
          }
          out.add(String.join(" ", cells));
        }
      }
      return out;
    });
  }

  /**
   * Each row of {@code sql} as its column labels (in the query's order) to the driver's values
   * (Integer, Long, Double, String, byte[] or null), for a test that compares numbers as numbers.
   */
  public static List<Map<String, Object>> records(Store store, String sql) {
    return store.readWithConnection(c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
      }
      return out;
    });
  }

  /** Runs each of {@code sql} in one writing transaction (a test that sets up what no command writes). */
  public static void execute(Store store, String... sql) {
    store.withConnection(c -> {
      try (Statement st = c.createStatement()) {
        for (String one : sql) {
          st.executeUpdate(one);
        }
      }
      return null;
    });
  }
}
