package dev.starling.engine.store;

import dev.starling.connectors.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The facts campaign reports are made of: the campaigns in a range, and per campaign its messages (with
 * their kind and delivery time) and its opens, clicks, complaints and unsubscribes. The open/click
 * verdicts are not SQL:
 * {@code campaigns.CampaignFigures} classifies these rows with the same classifiers the feature replay
 * uses, so a campaign's human opens and the subscribers' features can never disagree.
 *
 * <p>Like the replay, each campaign is two range scans of tables clustered campaign-first; agents
 * come as ids (their texts are read once with {@link #agents()}), never as a join per event.
 */
public final class CampaignStats {
  private final Store store;

  public CampaignStats(Store store) {
    this.store = store;
  }

  /** One campaign as the campaigns table describes it. */
  public record Campaign(int id, String code, String name, String subject, Instant sentAt) {}

  /**
   * Every campaign sent in {@code [from, to)}, in send order (a bound may be {@code null}: open). Campaigns
   * with no send time (only named by events that carried no time) are listed last, and only when no
   * bound is given.
   */
  public List<Campaign> campaigns(Instant from, Instant to) {
    String sql = "SELECT id, code, name, subject, sent_at FROM campaigns"
        + " WHERE (? IS NULL AND ? IS NULL) OR (sent_at IS NOT NULL AND sent_at >= coalesce(?, sent_at)"
        + "   AND sent_at < coalesce(?, sent_at + 1))"
        + " ORDER BY sent_at IS NULL, sent_at, id";
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Long f = from == null ? null : from.toEpochMilli();
        Long t = to == null ? null : to.toEpochMilli();
        ps.setObject(1, f);
        ps.setObject(2, t);
        ps.setObject(3, f);
        ps.setObject(4, t);
        List<Campaign> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long sent = rs.getLong(5);
            Instant sentAt = rs.wasNull() ? null : Instant.ofEpochMilli(sent);
            out.add(new Campaign(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), sentAt));
          }
        }
        return out;
      }
    });
  }

  /** The largest subscriber id (ids are dense from 1, so per-person arrays can be this long plus one). */
  public int maxSubscriberId() {
    return read(c -> intQuery(c, "SELECT coalesce(max(id), 0) FROM subscribers"));
  }

  /** Every user agent's text by its id (index 0 unused, {@code null} where no agent has that id). */
  public String[] agents() {
    return read(c -> {
      String[] out = new String[intQuery(c, "SELECT coalesce(max(id), 0) FROM agents") + 1];
      try (PreparedStatement ps = c.prepareStatement("SELECT id, text FROM agents"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out[rs.getInt(1)] = rs.getString(2);
        }
      }
      return out;
    });
  }

  /** The kind of message a row of {@code messages} is. */
  public enum MessageKind {
    /** Delivered, or sent with no bounce when the provider logs no deliveries: what the engagement model calls received. */
    RECEIVED_DELIVERED,
    /** Sent, no delivery logged, no bounce. */
    RECEIVED_SENT,
    /** Soft-bounced, then delivered on a retry: received, and a soft bounce. */
    RECEIVED_AFTER_SOFT_BOUNCE,
    /** Soft-bounced and not delivered. */
    SOFT_BOUNCE,
    HARD_BOUNCE,
    /** Known to exist but with no send or delivery time and no bounce (counted as a send only). */
    OTHER;

    public boolean received() {
      return this == RECEIVED_DELIVERED || this == RECEIVED_SENT || this == RECEIVED_AFTER_SOFT_BOUNCE;
    }

    public boolean softBounce() {
      return this == RECEIVED_AFTER_SOFT_BOUNCE || this == SOFT_BOUNCE;
    }
  }

  /** Receives one campaign's messages. */
  @FunctionalInterface
  public interface MessageSink {
    /** @param deliveredOrSent the delivery time, else the send time (UTC ms), or {@code Long.MIN_VALUE} */
    void message(int subscriberId, MessageKind kind, long deliveredOrSent);
  }

  /** Receives one campaign's opens, clicks, complaints and unsubscribes, all of one person's rows together. */
  @FunctionalInterface
  public interface EventSink {
    /**
     * @param agentId an index into {@link #agents()}, or 0 for none
     * @param appleNetwork whether the address is in Apple's 17.0.0.0/8 (where its privacy proxy fetches from)
     * @param machineFlag the provider's verdict ({@code TRUE} machine), or {@code null}
     * @param url the clicked URL, {@code null} for other events
     */
    void event(int subscriberId, EventType type, long at, int agentId, boolean appleNetwork, Boolean machineFlag, String url);
  }

  private static final MessageKind[] KINDS = MessageKind.values();

  /**
   * Streams one campaign's messages, then its events, in one read transaction: two range scans of
   * tables clustered campaign-first, each row read once (the kind of a message is decided in SQL so
   * four columns come back as one small integer).
   */
  public void forEachOfCampaign(int campaignId, MessageSink messages, EventSink events) {
    read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, CASE"
          + " WHEN bounce = 2 THEN 4"
          + " WHEN delivered_at IS NOT NULL THEN CASE WHEN bounce = 1 THEN 2 ELSE 0 END"
          + " WHEN bounce = 1 THEN 3"
          + " WHEN sent_at IS NOT NULL THEN 1"
          + " ELSE 5 END, coalesce(delivered_at, sent_at) FROM messages WHERE campaign_id = ?")) {
        ps.setInt(1, campaignId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long t = rs.getLong(3);
            messages.message(rs.getInt(1), KINDS[rs.getInt(2)], rs.wasNull() ? Long.MIN_VALUE : t);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, type, at, agent_id, substr(ip, 1, 3) = '17.',"
          + " machine_flag, url FROM events WHERE campaign_id = ? AND type IN (?, ?, ?, ?)")) {
        ps.setInt(1, campaignId);
        ps.setInt(2, EventType.OPEN.code());
        ps.setInt(3, EventType.CLICK.code());
        ps.setInt(4, EventType.COMPLAINT.code());
        ps.setInt(5, EventType.UNSUBSCRIBE.code());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int type = rs.getInt(2);
            int flag = rs.getInt(6);
            Boolean machine = rs.wasNull() ? null : flag == 1;
            events.event(rs.getInt(1), EventType.ofCode(type), rs.getLong(3), rs.getInt(4), rs.getInt(5) == 1, machine,
                type == EventType.CLICK.code() ? rs.getString(7) : null);
          }
        }
      }
      return null;
    });
  }

  /** People in the store, and those the lists name (on_list), for the summary. */
  public record Audience(long people, long onList) {}

  public Audience audience() {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(sum(on_list), 0) FROM subscribers");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Audience(rs.getLong(1), rs.getLong(2));
      }
    });
  }

  private static int intQuery(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Runs {@code work} in a reading transaction (never waits for an import); a SQL failure names the store. */
  private <T> T read(SqlRead<T> work) {
    return store.read(tx -> {
      try {
        return work.run(tx.connection());
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot read the campaigns", e);
      }
    });
  }

  @FunctionalInterface
  private interface SqlRead<T> {
    T run(Connection c) throws SQLException;
  }
}
