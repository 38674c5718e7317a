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
 * The facts campaign reports are made of: per campaign, the counts SQL can give directly (messages,
 * deliveries, bounces, complaints, unsubscribes), and the rows that need the engagement model to be
 * counted (each message's delivery time, each open and click). The open/click verdicts are not SQL:
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

  /**
   * One campaign's directly countable facts.
   *
   * @param messages messages the store knows were sent (a send, delivery or bounce logged)
   * @param delivered messages with a delivery and no hard bounce
   * @param received messages that count as received by the engagement model: delivered, or sent and
   *     not bounced (providers that log no deliveries), never hard-bounced
   * @param complaints distinct people who complained about this campaign
   * @param unsubscribes distinct people who unsubscribed from it
   */
  public record Totals(int id, String code, String name, String subject, Instant sentAt, long messages, long delivered,
      long received, long hardBounces, long softBounces, long complaints, long unsubscribes) {}

  /**
   * Every campaign sent in {@code [from, to)}, in send order (a bound may be {@code null}: open). Campaigns
   * with no send time (only named by events that carried no time) are listed last, and only when no
   * bound is given.
   */
  public List<Totals> campaigns(Instant from, Instant to) {
    String sql = "SELECT c.id, c.code, c.name, c.subject, c.sent_at,"
        + " (SELECT count(*) FROM messages m WHERE m.campaign_id = c.id),"
        + " (SELECT count(*) FROM messages m WHERE m.campaign_id = c.id AND m.delivered_at IS NOT NULL AND m.bounce <> 2),"
        + " (SELECT count(*) FROM messages m WHERE m.campaign_id = c.id AND m.bounce <> 2"
        + "   AND (m.delivered_at IS NOT NULL OR (m.bounce = 0 AND m.sent_at IS NOT NULL))),"
        + " (SELECT count(*) FROM messages m WHERE m.campaign_id = c.id AND m.bounce = 2),"
        + " (SELECT count(*) FROM messages m WHERE m.campaign_id = c.id AND m.bounce = 1),"
        + " (SELECT count(DISTINCT e.subscriber_id) FROM events e WHERE e.campaign_id = c.id AND e.type = ?),"
        + " (SELECT count(DISTINCT e.subscriber_id) FROM events e WHERE e.campaign_id = c.id AND e.type = ?)"
        + " FROM campaigns c"
        + " WHERE (? IS NULL AND ? IS NULL) OR (c.sent_at IS NOT NULL AND c.sent_at >= coalesce(?, c.sent_at)"
        + "   AND c.sent_at < coalesce(?, c.sent_at + 1))"
        + " ORDER BY c.sent_at IS NULL, c.sent_at, c.id";
    return store.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, EventType.COMPLAINT.code());
        ps.setInt(2, EventType.UNSUBSCRIBE.code());
        Long f = from == null ? null : from.toEpochMilli();
        Long t = to == null ? null : to.toEpochMilli();
        ps.setObject(3, f);
        ps.setObject(4, t);
        ps.setObject(5, f);
        ps.setObject(6, t);
        List<Totals> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long sent = rs.getLong(5);
            Instant sentAt = rs.wasNull() ? null : Instant.ofEpochMilli(sent);
            out.add(new Totals(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), sentAt, rs.getLong(6),
                rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12)));
          }
        }
        return out;
      }
    });
  }

  /** The largest subscriber id (ids are dense from 1, so per-person arrays can be this long plus one). */
  public int maxSubscriberId() {
    return store.inTransaction(c -> intQuery(c, "SELECT coalesce(max(id), 0) FROM subscribers"));
  }

  /** Every user agent's text by its id (index 0 unused, {@code null} where no agent has that id). */
  public String[] agents() {
    return store.inTransaction(c -> {
      String[] out = new String[intQuery(c, "SELECT coalesce(max(id), 0) FROM agents") + 1];
      try (PreparedStatement ps = c.prepareStatement("SELECT id, text FROM agents"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out[rs.getInt(1)] = rs.getString(2);
        }
      }
      return out;
    });
  }

  /** Receives one campaign's messages. */
  @FunctionalInterface
  public interface MessageSink {
    /**
     * @param received whether the message counts as received (see {@link Totals#received})
     * @param deliveredOrSent the delivery time, else the send time (UTC ms), or {@code Long.MIN_VALUE}
     */
    void message(int subscriberId, boolean received, long deliveredOrSent);
  }

  /** Receives one campaign's opens and clicks, grouped by subscriber (all of one person's rows together). */
  @FunctionalInterface
  public interface EngagementSink {
    /**
     * @param agentId an index into {@link #agents()}, or 0 for none
     * @param machineFlag the provider's verdict ({@code TRUE} machine), or {@code null}
     */
    void event(int subscriberId, EventType type, long at, int agentId, String ip, Boolean machineFlag, String url);
  }

  /** Streams one campaign's messages, then its opens and clicks, in one read transaction. */
  public void forEachOfCampaign(int campaignId, MessageSink messages, EngagementSink engagement) {
    store.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, bounce <> 2 AND (delivered_at IS NOT NULL"
          + " OR (bounce = 0 AND sent_at IS NOT NULL)), coalesce(delivered_at, sent_at) FROM messages WHERE campaign_id = ?")) {
        ps.setInt(1, campaignId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long t = rs.getLong(3);
            messages.message(rs.getInt(1), rs.getInt(2) == 1, rs.wasNull() ? Long.MIN_VALUE : t);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT subscriber_id, type, at, agent_id, ip, machine_flag, url"
          + " FROM events WHERE campaign_id = ? AND type IN (?, ?)")) {
        ps.setInt(1, campaignId);
        ps.setInt(2, EventType.OPEN.code());
        ps.setInt(3, EventType.CLICK.code());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int flag = rs.getInt(6);
            Boolean machine = rs.wasNull() ? null : flag == 1;
            engagement.event(rs.getInt(1), EventType.ofCode(rs.getInt(2)), rs.getLong(3), rs.getInt(4), rs.getString(5),
                machine, rs.getString(7));
          }
        }
      }
      return null;
    });
  }

  /** People in the store, and those the lists name (on_list), for the summary. */
  public record Audience(long people, long onList) {}

  public Audience audience() {
    return store.inTransaction(c -> {
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
}
