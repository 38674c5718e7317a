package dev.starling.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
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
  private final String table;
  private final String keyColumn;
  private final String select;
  private ConcurrentHashMap<String, Integer> ids;
  private int maxId;
  private String lastKey;
  private Integer lastId;

  /** The ids of {@code table}'s rows (column {@code id}) by {@code keyColumn}; both names are ours, not user input. */
  DenseIds(Connection c, String table, String keyColumn) {
    this.c = c;
    this.table = table;
    this.keyColumn = keyColumn;
    this.select = "SELECT id, " + keyColumn + " FROM " + table;
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
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT max(id) FROM " + table)) {
        rows = rs.next() ? rs.getInt(1) : 0;
      }
      ids = new ConcurrentHashMap<>(Math.max(16, rows + rows / 4));
      if (!loadInBlocks(rows)) {
        ids.clear();
        maxId = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
          while (rs.next()) {
            ids.put(rs.getString(2), rs.getInt(1));
            maxId = Math.max(maxId, rs.getInt(1));
          }
        }
      }
    }
    return ids;
  }

  /** Rows per block of {@link #loadInBlocks}: a block's text is a few MB at most. */
  private static final int BLOCK = 65_536;

  /**
   * Reads the table as a few long texts, "id TAB key" per line, one per block of ids: a row at a time
   * cost four calls into the driver per row (a tenth of a second for 100,000 people, at the start of
   * every import). False, having read nothing for sure, when a key holds a line break (the lines would
   * not match the rows): the caller then reads row by row.
   */
  private boolean loadInBlocks(int largestId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*), group_concat(id || char(9) || " + keyColumn
        + ", char(10)) FROM " + table + " WHERE id >= ? AND id < ?")) {
      for (long from = 0; from <= largestId; from += BLOCK) {
        ps.setLong(1, from);
        ps.setLong(2, from + BLOCK);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next() || rs.getInt(1) == 0) {
            continue;
          }
          int count = rs.getInt(1);
          String text = rs.getString(2);
          int lines = 0;
          int at = 0;
          while (at <= text.length()) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
              end = text.length();
            }
            int tab = text.indexOf('\t', at);
            if (tab < 0 || tab > end || ++lines > count) {
              return false;
            }
            int id = Integer.parseInt(text, at, tab, 10);
            ids.put(text.substring(tab + 1, end), id);
            maxId = Math.max(maxId, id);
            at = end + 1;
          }
          if (lines != count) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
