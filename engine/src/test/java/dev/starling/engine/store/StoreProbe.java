package dev.starling.engine.store;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** For tests outside the store package: reads raw rows to check exactly what landed in the file. */
public final class StoreProbe {
  private StoreProbe() {}

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
}
