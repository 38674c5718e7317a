package dev.starling.engine.store;

import dev.starling.connectors.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * What happened to each message, write side: one {@code messages} row per (campaign, subscriber) for
 * its send, delivery and bounce (an upsert that writes only what is earlier or worse than the store's,
 * so re-imports change nothing), and {@code events} rows for opens, clicks, complaints and
 * unsubscribes, each keyed by its dedupe key (a second copy is ignored). User agents are stored once,
 * in {@code agents}. Writes are queued and sent in batches.
 */
public final class EventLog {
  private final Connection c;
  private final Dialect dialect;
  private MultiRowInsert message;
  private MultiRowInsert event;
  private PreparedStatement insertAgent;
  private Map<String, Integer> agentIds;
  private int maxAgent;

  EventLog(Connection c, Dialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  /**
   * Queues one message write: its earliest send and delivery, and its worst bounce (0 none, 1 soft,
   * 2 hard) with the time of the first such. Times are epoch ms, 0 for none.
   *
   * @param rows the file rows merged into this write, counted together (all changed or all unchanged)
   */
  public void message(int campaign, int subscriber, long sentAt, long deliveredAt, long bouncedAt, int bounce, int rows) {
    try {
      prepare();
      message.set(1, campaign);
      message.set(2, subscriber);
      message.setTime(3, sentAt);
      message.setTime(4, deliveredAt);
      message.setTime(5, bouncedAt);
      message.set(6, bounce);
      message.queue(rows);
    } catch (SQLException e) {
      throw StoreException.failed("EventLog.message", e);
    }
  }

  /** Queues an open, click, complaint or unsubscribe; one already stored (same dedupe key) is ignored. */
  public void event(int campaign, int subscriber, Event e, long importId) {
    event(campaign, subscriber, e, e.dedupeKey(), importId);
  }

  /** {@link #event(int, int, Event, long)} with {@code e}'s {@link Event#dedupeKey()} already computed. */
  public void event(int campaign, int subscriber, Event e, long dedupeKey, long importId) {
    try {
      prepare();
      event.set(1, campaign);
      event.set(2, subscriber);
      event.set(3, dedupeKey);
      event.set(4, e.type().code());
      event.set(5, e.atMillis());
      event.set(6, e.userAgent() == null ? null : agentId(e.userAgent()));
      event.set(7, e.ip());
      event.set(8, e.url());
      event.set(9, e.machineFlag() == null ? null : e.machineFlag() ? 1 : 0);
      event.set(10, e.detail());
      event.set(11, importId);
      if (legacyKeys) {
        event.set(12, campaign);
        event.set(13, subscriber);
        event.set(14, e.legacyDedupeKey());
      }
      event.queue(1);
    } catch (SQLException x) {
      throw StoreException.failed("EventLog.event", x);
    }
  }

  /** Rows (merged messages and events) that changed the store. */
  public long changedRows() {
    return message == null ? 0 : message.changed() + event.changed();
  }

  /** Rows that were already in the store. */
  public long unchangedRows() {
    return message == null ? 0 : message.unchanged() + event.unchanged();
  }

  public void flush() {
    try {
      if (message != null) {
        message.flush();
        event.flush();
      }
    } catch (SQLException e) {
      throw StoreException.failed("EventLog.flush", e);
    }
  }

  private boolean legacyKeys;

  private void prepare() throws SQLException {
    if (message != null) {
      return;
    }
    message = MultiRowInsert.values(c,
        "INSERT INTO messages (campaign_id, subscriber_id, sent_at, delivered_at, bounced_at, bounce) VALUES",
        " ON CONFLICT (campaign_id, subscriber_id) DO UPDATE SET"
            + " sent_at = CASE WHEN excluded.sent_at < coalesce(sent_at, excluded.sent_at + 1) THEN excluded.sent_at ELSE sent_at END,"
            + " delivered_at = CASE WHEN excluded.delivered_at < coalesce(delivered_at, excluded.delivered_at + 1)"
            + " THEN excluded.delivered_at ELSE delivered_at END,"
            + " bounced_at = CASE WHEN excluded.bounce > bounce OR (excluded.bounce = bounce AND excluded.bounced_at < bounced_at)"
            + " THEN excluded.bounced_at ELSE bounced_at END,"
            + " bounce = " + dialect.greatest("bounce", "excluded.bounce")
            + " WHERE excluded.sent_at < coalesce(sent_at, excluded.sent_at + 1)"
            + " OR excluded.delivered_at < coalesce(delivered_at, excluded.delivered_at + 1)"
            + " OR excluded.bounce > bounce OR (excluded.bounce = bounce AND excluded.bounce > 0 AND excluded.bounced_at < bounced_at)",
        6);
    // A store that holds events keyed before agent and IP counted (ImportLog.LEGACY_DEDUPE) also
    // checks the old key, so re-importing an old file adds nothing; new stores skip that lookup.
    legacyKeys = new ImportLog(c, dialect).meta(ImportLog.LEGACY_DEDUPE).isPresent();
    String columns = "INTO events (campaign_id, subscriber_id, dedupe, type, at, agent_id, ip, url, machine_flag, detail, import_id)";
    // The legacy form is an INSERT ... SELECT, one row a statement.
    event = legacyKeys
        ? MultiRowInsert.oneByOne(c, dialect.insertIgnoring(columns + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM events WHERE campaign_id = ? AND subscriber_id = ? AND dedupe = ?)"), 14)
        : MultiRowInsert.values(c, dialect.insertIgnoring(columns + " VALUES"), "", 11);
    insertAgent = c.prepareStatement("INSERT INTO agents (id, text) VALUES (?, ?)");
  }

  private int agentId(String agent) throws SQLException {
    if (agentIds == null) {
      agentIds = new HashMap<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, text FROM agents")) {
        while (rs.next()) {
          agentIds.put(rs.getString(2), rs.getInt(1));
          maxAgent = Math.max(maxAgent, rs.getInt(1));
        }
      }
    }
    Integer id = agentIds.get(agent);
    if (id != null) {
      return id;
    }
    int nid = ++maxAgent;
    agentIds.put(agent, nid);
    insertAgent.setInt(1, nid);
    insertAgent.setString(2, agent);
    insertAgent.executeUpdate();
    return nid;
  }
}
