package dev.starling.engine.store;

import dev.starling.connectors.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the event log for the feature replay and for {@code explain}: the campaigns in send order,
 * each campaign's messages and events as streamed scans, the user-agent table, and one person's
 * opens and clicks.
 *
 * <p>The scans hand each row to a callback as primitives (no object per row) because they are the
 * replay's hot loop: {@code messages} and {@code events} are clustered campaign-first, so each campaign
 * is two range scans, and each query returns as few columns as it can (column reads through JDBC
 * dominate the replay's time).
 */
public final class EventHistory {
  private static final EventType[] TYPES = new EventType[16];

  static {
    for (EventType t : EventType.values()) {
      TYPES[t.code()] = t;
    }
  }

  /** The {@code messages.bounce} codes: none, soft, hard. */
  static final int NO_BOUNCE = 0;
  static final int HARD_BOUNCE = 2;

  private final Store store;

  public EventHistory(Store store) {
    this.store = store;
  }

  /** The largest subscriber id (ids are dense, so arrays indexed by id have this many plus one slots). */
  public int maxSubscriberId() {
    return (int) Queries.longValue(store, "SELECT coalesce(max(id), 0) FROM subscribers");
  }

  /** Every campaign's id, in send order (unsent ones last). */
  public List<Integer> campaignsInSendOrder() {
    List<Integer> order = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT id FROM campaigns ORDER BY CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END, sent_at, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        order.add(rs.getInt(1));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the campaigns", e);
    }
    return order;
  }

  /**
   * How many campaigns of {@code order} lead up to the last one holding any message or event: those
   * after it (known from a campaigns file, not sent yet) change no one's state when replayed. Each
   * check is a primary-key prefix lookup, made from the end back.
   */
  public int turnsWithData(List<Integer> order) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ?)"
        + " OR EXISTS (SELECT 1 FROM events WHERE campaign_id = ?)")) {
      for (int i = order.size() - 1; i >= 0; i--) {
        ps.setInt(1, order.get(i));
        ps.setInt(2, order.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getInt(1) == 1) {
            return i + 1;
          }
        }
      }
      return 0;
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the campaigns", e);
    }
  }

  /** Every user agent's text, indexed by its id (gaps are null). */
  public String[] agents() {
    String[] out = new String[(int) Queries.longValue(store, "SELECT coalesce(max(id), 0) FROM agents") + 1];
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT id, text FROM agents");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out[rs.getInt(1)] = rs.getString(2);
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the user agents", e);
    }
    return out;
  }

  /** The newest event or message time in the store: kept by the importer, else found by a scan. */
  public long latestDataTime() {
    try {
      var kept = Meta.get(store.connection(), Meta.LATEST_DATA_TIME);
      if (kept.isPresent()) {
        return Long.parseLong(kept.get());
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the store's latest time", e);
    }
    return Math.max(Queries.longValue(store, "SELECT coalesce(max(at), 0) FROM events"),
        Queries.longValue(store, "SELECT coalesce(max(" + store.dialect().greatest("coalesce(delivered_at, 0)",
            "coalesce(sent_at, 0)", "coalesce(bounced_at, 0)") + "), 0) FROM messages"));
  }

  /** Opens the per-campaign scans; close it when the replay is done. */
  public CampaignScan campaignScan() {
    Connection c = store.connection();
    try {
      return new CampaignScan(store, c.prepareStatement(
          // id*2 + delivered, negated for a hard bounce: one column instead of three. Rows neither
          // received nor hard-bounced are left out.
          "SELECT CASE WHEN bounce = ? THEN -2 * subscriber_id"
              + " ELSE 2 * subscriber_id + CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END END,"
              + " coalesce(delivered_at, sent_at) FROM messages WHERE campaign_id = ?"
              + " AND (bounce = ? OR delivered_at IS NOT NULL OR (bounce = ? AND sent_at IS NOT NULL))"),
          c.prepareStatement(
              // The delivery time comes from the messages scan (an array per campaign in the replay): a
              // join would cost one B-tree lookup per event, most of the replay's time.
              "SELECT subscriber_id, type, at, agent_id, CASE WHEN substr(ip, 1, 3) = '17.' THEN 1 ELSE 0 END,"
                  + " machine_flag, url FROM events WHERE campaign_id = ?"));
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot prepare the replay's scans", e);
    }
  }

  /** The two range scans of one campaign, prepared once for all campaigns. */
  public static final class CampaignScan implements AutoCloseable {
    private final Store store;
    private final PreparedStatement messages;
    private final PreparedStatement events;

    private CampaignScan(Store store, PreparedStatement messages, PreparedStatement events) {
      this.store = store;
      this.messages = messages;
      this.events = events;
    }

    /** The campaign's messages that were received or hard-bounced. */
    public void messages(int campaign, MessageSink sink) {
      try {
        messages.setInt(1, HARD_BOUNCE);
        messages.setInt(2, campaign);
        messages.setInt(3, HARD_BOUNCE);
        messages.setInt(4, NO_BOUNCE);
        try (ResultSet rs = messages.executeQuery()) {
          while (rs.next()) {
            int code = rs.getInt(1);
            long time = rs.getLong(2);
            if (rs.wasNull()) {
              time = Long.MIN_VALUE;
            }
            if (code < 0) {
              sink.message(-code / 2, false, true, time);
            } else {
              sink.message(code / 2, (code & 1) == 1, false, time);
            }
          }
        }
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot read the messages of campaign " + campaign, e);
      }
    }

    /**
     * The campaign's events grouped by subscriber (the key order); campaign 0 holds the list-level
     * ones (unsubscribes, complaints). Agent, proxy address and provider flag are read for opens and
     * clicks only, the URL for clicks only.
     */
    public void events(int campaign, EventSink sink) {
      try {
        events.setInt(1, campaign);
        try (ResultSet rs = events.executeQuery()) {
          while (rs.next()) {
            int s = rs.getInt(1);
            EventType type = TYPES[rs.getInt(2)];
            long at = rs.getLong(3);
            if (type == EventType.OPEN || type == EventType.CLICK) {
              int agent = rs.getInt(4);
              boolean apple = rs.getInt(5) == 1;
              int flag = rs.getInt(6);
              int providerFlag = rs.wasNull() ? -1 : flag;
              sink.event(s, type, at, agent, apple, providerFlag, type == EventType.CLICK ? rs.getString(7) : null);
            } else {
              sink.event(s, type, at, 0, false, -1, null);
            }
          }
        }
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot read the events of campaign " + campaign, e);
      }
    }

    @Override
    public void close() {
      try {
        messages.close();
        events.close();
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot close the replay's scans", e);
      }
    }
  }

  /** One open or click of one person, with what explain needs to classify it as the replay does. */
  public record PersonEvent(String campaign, int campaignId, long at, EventType type, String agent, String ip, String url,
      Boolean providerFlag, long deliveredAt) {}

  /** The person's opens and clicks in time order; {@code deliveredAt} is {@code Long.MIN_VALUE} when unknown. */
  public List<PersonEvent> opensAndClicks(String email) {
    List<PersonEvent> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT cp.code, e.at, e.type, a.text, e.ip, e.url,"
        + " e.machine_flag, coalesce(m.delivered_at, m.sent_at), e.campaign_id FROM events e"
        + " LEFT JOIN campaigns cp ON cp.id = e.campaign_id LEFT JOIN agents a ON a.id = e.agent_id"
        + " LEFT JOIN messages m ON m.campaign_id = e.campaign_id AND m.subscriber_id = e.subscriber_id"
        // One seek per campaign on the campaign-first key instead of a scan of every event.
        + " WHERE e.campaign_id IN (SELECT id FROM campaigns UNION ALL SELECT 0)"
        + " AND e.subscriber_id = (SELECT id FROM subscribers WHERE email = ?) AND e.type IN (?, ?) ORDER BY e.at")) {
      ps.setString(1, email);
      ps.setInt(2, EventType.OPEN.code());
      ps.setInt(3, EventType.CLICK.code());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int flag = rs.getInt(7);
          Boolean providerFlag = rs.wasNull() ? null : flag == 1;
          long delivered = rs.getLong(8);
          if (rs.wasNull()) {
            delivered = Long.MIN_VALUE;
          }
          out.add(new PersonEvent(rs.getString(1), rs.getInt(9), rs.getLong(2), EventType.ofCode(rs.getInt(3)),
              rs.getString(4), rs.getString(5), rs.getString(6), providerFlag, delivered));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the events of " + email, e);
    }
    return out;
  }

  /** A message row of the replay's scan. */
  @FunctionalInterface
  public interface MessageSink {
    /** @param time delivery time, else send time, else {@code Long.MIN_VALUE} */
    void message(int subscriber, boolean delivered, boolean hardBounce, long time);
  }

  /** An event row of the replay's scan. */
  @FunctionalInterface
  public interface EventSink {
    /**
     * @param agent the user agent's id, 0 when none
     * @param apple whether the IP is in Apple's 17.0.0.0/8 (Mail Privacy Protection)
     * @param providerFlag the provider's own machine-open verdict: 1 machine, 0 human, -1 not given
     */
    void event(int subscriber, EventType type, long at, int agent, boolean apple, int providerFlag, String url);
  }
}
