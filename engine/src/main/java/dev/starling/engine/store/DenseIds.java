package dev.starling.engine.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The dense ids of one table (assigned here, from 1, so features can use arrays), keyed by the name
 * users know. The map is loaded once, on first use in the transaction, so resolving a key costs no
 * round trip; a new key takes the next id above the largest seen.
 *
 * <p>The last key resolved is remembered: an event log names the same person (and the same campaign)
 * on consecutive rows, and comparing with the previous key is cheaper than hashing a fresh string and
 * chasing a map entry that is rarely in the CPU cache (a quarter of the import's Java time before).
 * The map is concurrent so that an import's reading thread can look people up ahead of the writer
 * ({@link #lookup()}) while the writer adds new ones.
 */
final class DenseIds {
  private final Connection c;
  private final String select;
  private ConcurrentHashMap<String, Integer> ids;
  private int maxId;
  private String lastKey;
  private Integer lastId;

  /** {@code select} returns (id, key) for every row of the table. */
  DenseIds(Connection c, String select) {
    this.c = c;
    this.select = select;
  }

  /** The id of {@code key}, or null when the table has none. */
  Integer get(String key) throws SQLException {
    if (lastKey != null && lastKey.equals(key)) {
      return lastId;
    }
    Integer id = load().get(key);
    if (id != null) {
      lastKey = key;
      lastId = id;
    }
    return id;
  }

  /** The id of {@code key}, or 0 when the table has none (ids start at 1). */
  int idOf(String key) throws SQLException {
    Integer id = get(key);
    return id == null ? 0 : id;
  }

  /**
   * A lookup of ids by key (0 when none) that any thread may call while this one assigns ids: a key
   * it finds keeps its id for the transaction. Loads the map first.
   */
  ToIntFunction<String> lookup() throws SQLException {
    Map<String, Integer> map = load();
    return key -> map.getOrDefault(key, 0);
  }

  /** Gives {@code key} (known not to have one) the next id. */
  int assign(String key) throws SQLException {
    int id = ++maxId;
    load().put(key, id);
    lastKey = key;
    lastId = id;
    return id;
  }

  private Map<String, Integer> load() throws SQLException {
    if (ids == null) {
      // Sized for the rows there are (ids are dense, so the largest is about the count): growing a
      // concurrent map of 100,000 entries step by step re-spread them eight times.
      int rows = 0;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM (" + select + ")")) {
        rows = rs.next() ? rs.getInt(1) : 0;
      }
      ids = new ConcurrentHashMap<>(Math.max(16, rows + rows / 4));
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
        while (rs.next()) {
          ids.put(rs.getString(2), rs.getInt(1));
          maxId = Math.max(maxId, rs.getInt(1));
        }
      }
    }
    return ids;
  }
}
