package dev.starling.engine.store;

import dev.starling.connectors.Subscriber;
import dev.starling.connectors.csv.CanonicalColumns;
import dev.starling.engine.country.Countries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The people: their dense ids (assigned here, from 1, so features can use arrays) and their list data.
 * Writes are queued and sent in batches; {@link #flush()} sends the rest. The id map is loaded once,
 * on first use in the transaction, so resolving an address costs no round trip.
 */
public final class Subscribers {
  private final Connection c;
  private final DenseIds ids;
  private long added;
  private BatchedStatement implicit;
  private BatchedStatement insert;
  private BatchedStatement update;

  Subscribers(Connection c, Dialect dialect) {
    this.c = c;
    this.ids = new DenseIds(c, "subscribers", "email");
  }

  /**
   * The ids of the people stored, as a lookup (0: none) that another thread may call while this
   * transaction adds people; an id it gives is final. Reads the people's addresses on first use.
   */
  public java.util.function.ToIntFunction<String> lookup() {
    try {
      return ids.lookup();
    } catch (SQLException e) {
      throw StoreException.failed("Subscribers.lookup", e);
    }
  }

  /** The id of {@code email} (normalised), or 0 when the store has no such subscriber. */
  public int idOf(String email) {
    try {
      return ids.idOf(email);
    } catch (SQLException e) {
      throw StoreException.failed("Subscribers.idOf", e);
    }
  }

  /**
   * Adds a person named by a list, or writes what the list adds or changes about a known one (a row
   * identical to the store's writes nothing and counts as unchanged).
   */
  public void upsert(Subscriber s) {
    try {
      prepare();
      String tags = s.tags().isEmpty() ? null : String.join(String.valueOf(CanonicalColumns.TAG_SEPARATOR), s.tags());
      String status = s.status() == null ? null : s.status().name().toLowerCase(Locale.ROOT);
      Integer id = ids.get(s.email());
      if (id == null) {
        id = add(s.email());
        var ps = insert.ps;
        ps.setInt(1, id);
        ps.setString(2, s.email());
        ps.setString(3, s.domain());
        ps.setString(4, s.firstName());
        ps.setString(5, s.lastName());
        ps.setString(6, s.company());
        ps.setString(7, s.country());
        insert.setLong(8, s.createdAtMillis());
        ps.setString(9, tags);
        ps.setString(10, status);
        ps.setString(11, Countries.code(s.country()));
        insert.queue(1);
        return;
      }
      var ps = update.ps;
      int p = 1;
      for (int round = 0; round < 2; round++) { // once for SET, once for the did-anything-change test
        ps.setString(p++, s.firstName());
        ps.setString(p++, s.lastName());
        ps.setString(p++, s.company());
        ps.setString(p++, s.country());
        update.setLong(p++, s.createdAtMillis());
        ps.setString(p++, tags);
        ps.setString(p++, status);
        if (round == 0) {
          ps.setString(p++, s.country());
          ps.setString(p++, Countries.code(s.country()));
        }
      }
      ps.setInt(p, id);
      update.queue(1);
    } catch (SQLException e) {
      throw StoreException.failed("Subscribers.upsert", e);
    }
  }

  /** The id of a person named by an event; one first seen there is added with just the address. */
  public int idForEvent(String email) {
    try {
      Integer id = ids.get(email);
      if (id != null) {
        return id;
      }
      prepare();
      int nid = add(email);
      implicit.ps.setInt(1, nid);
      implicit.ps.setString(2, email);
      implicit.ps.setString(3, email.substring(email.lastIndexOf('@') + 1));
      implicit.queue(0);
      return nid;
    } catch (SQLException e) {
      throw StoreException.failed("Subscribers.idForEvent", e);
    }
  }

  /**
   * Fills {@code country_code} from {@code country} for every row that has the text but not the code: the
   * rows stored before migration 013, which added the column (run by {@link Store} right after it).
   */
  static void backfillCountryCodes(Connection c) throws SQLException {
    try (var read = c.prepareStatement("SELECT DISTINCT country FROM subscribers WHERE country IS NOT NULL AND country_code IS NULL");
        var write = c.prepareStatement("UPDATE subscribers SET country_code = ? WHERE country = ? AND country_code IS NULL");
        var rs = read.executeQuery()) {
      while (rs.next()) {
        String code = Countries.code(rs.getString(1));
        if (code != null) {
          write.setString(1, code);
          write.setString(2, rs.getString(1));
          write.addBatch();
        }
      }
      write.executeBatch();
    }
  }

  /** People added in this transaction (by a list, or first seen in an event). */
  public long added() {
    return added;
  }

  /** List rows that added or changed a subscriber. */
  public long changedRows() {
    return insert == null ? 0 : insert.changed() + update.changed();
  }

  /** List rows that changed nothing. */
  public long unchangedRows() {
    return insert == null ? 0 : insert.unchanged() + update.unchanged();
  }

  /** Sends every queued write. */
  public void flush() {
    try {
      if (insert != null) {
        update.flush(); // flushes the inserts first
      }
    } catch (SQLException e) {
      throw StoreException.failed("Subscribers.flush", e);
    }
  }

  private int add(String email) throws SQLException {
    int id = ids.assign(email);
    added++;
    return id;
  }

  private void prepare() throws SQLException {
    if (insert != null) {
      return;
    }
    implicit = new BatchedStatement(c, "INSERT INTO subscribers (id, email, domain, on_list) VALUES (?, ?, ?, 0)", null);
    BatchedStatement listed = new BatchedStatement(c,
        "INSERT INTO subscribers (id, email, domain, first_name, last_name, company, country, created_at, tags, status, on_list,"
            + " country_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)", implicit);
    insert = listed;
    // Writes only what a list adds or changes; a row identical to the store's updates nothing.
    update = new BatchedStatement(c,
        "UPDATE subscribers SET first_name = coalesce(?, first_name), last_name = coalesce(?, last_name),"
            + " company = coalesce(?, company), country = coalesce(?, country), created_at = coalesce(?, created_at),"
            + " tags = coalesce(?, tags), status = coalesce(?, status), on_list = 1,"
            // the code follows the text: a row that names no country keeps the stored text, so its code too
            + " country_code = CASE WHEN ? IS NULL THEN country_code ELSE ? END"
            + " WHERE (on_list = 0 OR first_name IS DISTINCT FROM coalesce(?, first_name)"
            + " OR last_name IS DISTINCT FROM coalesce(?, last_name) OR company IS DISTINCT FROM coalesce(?, company)"
            + " OR country IS DISTINCT FROM coalesce(?, country) OR created_at IS DISTINCT FROM coalesce(?, created_at)"
            + " OR tags IS DISTINCT FROM coalesce(?, tags) OR status IS DISTINCT FROM coalesce(?, status)) AND id = ?",
        listed);
  }

  /**
   * What the store knows of a person on file, whether or not anything was sent to them: {@code explain}
   * shows someone imported from a list who has no events yet instead of "no subscriber".
   *
   * @param createdAt when they joined, UTC ms; 0 when unknown
   */
  public record OnFile(String email, String domain, String company, long createdAt) {}

  /** {@code email} (normalised) as the store has it, or empty when it has no such person. */
  public java.util.Optional<OnFile> onFile(String email) {
    try (java.sql.PreparedStatement ps = c.prepareStatement(
        "SELECT email, domain, company, coalesce(created_at, 0) FROM subscribers WHERE email = ?")) {
      ps.setString(1, email);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next() ? java.util.Optional.of(new OnFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
            : java.util.Optional.empty();
      }
    } catch (SQLException e) {
      throw StoreException.failed("Subscribers.onFile", e);
    }
  }
}
