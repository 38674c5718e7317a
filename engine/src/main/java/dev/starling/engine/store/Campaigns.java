package dev.starling.engine.store;

import dev.starling.connectors.Campaign;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The newsletters: dense ids for the codes users and providers know, and their details. A campaign
 * first named by an event is created as a placeholder and dated from its messages by
 * {@link #datePlaceholders()}. Writes are queued like {@link Subscribers}'.
 */
public final class Campaigns {
  private final Connection c;
  private final DenseIds ids;
  private long placeholders;
  private BatchedStatement placeholder;
  private BatchedStatement insert;
  private BatchedStatement update;

  Campaigns(Connection c, Dialect dialect) {
    this.c = c;
    this.ids = new DenseIds(c, "campaigns", "code");
  }

  /** The id of the campaign with this code, or 0 when there is none. */
  public int idOf(String code) {
    try {
      return ids.idOf(code);
    } catch (SQLException e) {
      throw StoreException.failed("Campaigns.idOf", e);
    }
  }

  /** Adds a campaign, or writes what this row adds or changes about a known one. */
  public void upsert(Campaign cp) {
    try {
      prepare();
      Integer id = ids.get(cp.id());
      if (id == null) {
        id = ids.assign(cp.id());
        var ps = insert.ps;
        ps.setInt(1, id);
        ps.setString(2, cp.id());
        ps.setString(3, cp.name());
        ps.setString(4, cp.subject());
        insert.setLong(5, cp.sentAtMillis());
        ps.setString(6, cp.list());
        insert.queue(1);
        return;
      }
      var ps = update.ps;
      int p = 1;
      for (int round = 0; round < 2; round++) { // once for SET, once for the did-anything-change test
        ps.setString(p++, cp.name());
        ps.setString(p++, cp.subject());
        update.setLong(p++, cp.sentAtMillis());
        ps.setString(p++, cp.list());
      }
      ps.setInt(p, id);
      update.queue(1);
    } catch (SQLException e) {
      throw StoreException.failed("Campaigns.upsert", e);
    }
  }

  /** The id of the campaign an event names; one not known yet is created as a placeholder. */
  public int idForEvent(String code) {
    try {
      Integer id = ids.get(code);
      if (id != null) {
        return id;
      }
      prepare();
      int nid = ids.assign(code);
      placeholders++;
      placeholder.ps.setInt(1, nid);
      placeholder.ps.setString(2, code);
      placeholder.queue(0);
      return nid;
    } catch (SQLException e) {
      throw StoreException.failed("Campaigns.idForEvent", e);
    }
  }

  /** Placeholders created in this transaction (campaigns first named by an event). */
  public long placeholdersAdded() {
    return placeholders;
  }

  public long changedRows() {
    return insert == null ? 0 : insert.changed() + update.changed();
  }

  public long unchangedRows() {
    return insert == null ? 0 : insert.unchanged() + update.unchanged();
  }

  public void flush() {
    try {
      if (insert != null) {
        update.flush(); // flushes the inserts first
      }
    } catch (SQLException e) {
      throw StoreException.failed("Campaigns.flush", e);
    }
  }

  /** Dates each undated placeholder by its first message (call after the messages are flushed). */
  public void datePlaceholders() {
    try {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("UPDATE campaigns SET sent_at = (SELECT min(coalesce(sent_at, delivered_at, bounced_at)) FROM messages"
            + " WHERE messages.campaign_id = campaigns.id) WHERE placeholder = 1 AND sent_at IS NULL");
      }
    } catch (SQLException e) {
      throw StoreException.failed("Campaigns.datePlaceholders", e);
    }
  }

  private void prepare() throws SQLException {
    if (insert != null) {
      return;
    }
    placeholder = new BatchedStatement(c, "INSERT INTO campaigns (id, code, placeholder) VALUES (?, ?, 1)", null);
    BatchedStatement named = new BatchedStatement(c,
        "INSERT INTO campaigns (id, code, name, subject, sent_at, list, placeholder) VALUES (?, ?, ?, ?, ?, ?, 0)", placeholder);
    insert = named;
    update = new BatchedStatement(c,
        "UPDATE campaigns SET name = coalesce(?, name), subject = coalesce(?, subject), sent_at = coalesce(?, sent_at),"
            + " list = coalesce(?, list), placeholder = 0"
            + " WHERE (placeholder = 1 OR name IS DISTINCT FROM coalesce(?, name) OR subject IS DISTINCT FROM coalesce(?, subject)"
            + " OR sent_at IS DISTINCT FROM coalesce(?, sent_at) OR list IS DISTINCT FROM coalesce(?, list)) AND id = ?",
        named);
  }
}
