package dev.starling.engine.features;

import dev.starling.connectors.EventType;
import dev.starling.engine.store.Meta;
import dev.starling.engine.store.Store;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;

/**
 * Recomputes {@code subscriber_features} by replaying the store campaign by campaign, in send order.
 *
 * <p>Why a replay and not SQL aggregates: classifying an open needs its message's delivery time, and
 * later features (streaks, recency windows) need each person's campaigns in order. Both tables are
 * clustered campaign-first, so each campaign is two range scans, and per-person state lives in arrays
 * indexed by the dense subscriber id: memory is a few dozen bytes per subscriber, whatever the number
 * of events.
 */
public final class FeatureReplay {
  private static final byte ACTIVE = 0;
  private static final byte UNSUBSCRIBED = 1;
  private static final byte HARD_BOUNCED = 2;
  private static final byte COMPLAINED = 3;
  private static final String[] STATUS = {"active", "unsubscribed", "hard_bounced", "complained"};

  private FeatureReplay() {}

  /**
   * Refreshes the features when an import landed since the last refresh or the settings changed.
   *
   * @return whether a refresh ran
   */
  public static boolean refreshIfStale(Store store, EngagementSettings settings, Clock clock) {
    return store.inTransaction(c -> {
      boolean dirty = Meta.get(c, Meta.FEATURES_DIRTY).map("1"::equals).orElse(false);
      boolean sameSettings = Meta.get(c, Meta.FEATURES_SETTINGS).map(settings.fingerprint()::equals).orElse(false);
      if (!dirty && sameSettings) {
        return false;
      }
      refresh(c, settings, clock.millis());
      return true;
    });
  }

  /** Recomputes every subscriber's features inside the caller's transaction. */
  public static void refresh(Connection c, EngagementSettings settings, long now) throws SQLException {
    OpenClassifier classifier = new OpenClassifier(settings);
    int n = maxId(c, "SELECT coalesce(max(id), 0) FROM subscribers") + 1;
    boolean[] proxyAgent = proxyAgents(c);

    int[] received = new int[n];
    int[] opened = new int[n];
    int[] humanOpens = new int[n];
    int[] machineOpens = new int[n];
    int[] humanClicks = new int[n];
    long[] lastHuman = new long[n];
    byte[] status = new byte[n];
    boolean[] seen = new boolean[n];
    // Scratch for the campaign being replayed: opened this turn where openedStamp[i] == turn.
    int[] openedStamp = new int[n];
    int[] receivedNow = new int[1024];

    listStatus(c, status);
    // Column reads through JDBC dominate the replay, so each query returns as few as it can: a
    // message is one int (the subscriber id, negated for a hard bounce; rows neither received nor
    // hard-bounced are not returned), and an event carries its message's delivery time by a join.
    try (PreparedStatement campaigns = c.prepareStatement(
            "SELECT id FROM campaigns ORDER BY sent_at IS NULL, sent_at, id");
        PreparedStatement messages = c.prepareStatement(
            "SELECT CASE WHEN bounce = 2 THEN -subscriber_id ELSE subscriber_id END FROM messages"
                + " WHERE campaign_id = ? AND (bounce = 2 OR delivered_at IS NOT NULL OR (bounce = 0 AND sent_at IS NOT NULL))");
        PreparedStatement events = c.prepareStatement(
            "SELECT e.subscriber_id, e.type, e.at, e.agent_id, substr(e.ip, 1, 3) = '17.', e.machine_flag,"
                + " coalesce(m.delivered_at, m.sent_at)"
                + " FROM events e LEFT JOIN messages m ON m.campaign_id = e.campaign_id AND m.subscriber_id = e.subscriber_id"
                + " WHERE e.campaign_id = ?")) {
      int turn = 0;
      try (ResultSet cs = campaigns.executeQuery()) {
        while (cs.next()) {
          turn++;
          int campaign = cs.getInt(1);
          int count = 0;
          messages.setInt(1, campaign);
          try (ResultSet rs = messages.executeQuery()) {
            while (rs.next()) {
              int s = rs.getInt(1);
              if (s < 0) {
                seen[-s] = true;
                status[-s] = (byte) Math.max(status[-s], HARD_BOUNCED);
                continue;
              }
              seen[s] = true;
              if (count == receivedNow.length) {
                receivedNow = java.util.Arrays.copyOf(receivedNow, count * 2);
              }
              receivedNow[count++] = s;
            }
          }
          replayEvents(events, campaign, turn, proxyAgent, classifier, seen, openedStamp,
              humanOpens, machineOpens, humanClicks, lastHuman, status);
          for (int i = 0; i < count; i++) {
            int s = receivedNow[i];
            received[s]++;
            if (openedStamp[s] == turn) {
              opened[s]++;
            }
          }
        }
      }
      // List-level unsubscribes and complaints (no campaign named).
      replayEvents(events, 0, -1, proxyAgent, classifier, seen, openedStamp,
          humanOpens, machineOpens, humanClicks, lastHuman, status);
    }

    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM subscriber_features");
    }
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT INTO subscriber_features (subscriber_id, received, campaigns_opened, human_opens, machine_opens,"
            + " human_clicks, last_human_at, status, computed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      for (int s = 1; s < n; s++) {
        if (!seen[s] && status[s] == ACTIVE) {
          continue;
        }
        ins.setInt(1, s);
        ins.setInt(2, received[s]);
        ins.setInt(3, opened[s]);
        ins.setInt(4, humanOpens[s]);
        ins.setInt(5, machineOpens[s]);
        ins.setInt(6, humanClicks[s]);
        if (lastHuman[s] == 0) {
          ins.setNull(7, Types.INTEGER);
        } else {
          ins.setLong(7, lastHuman[s]);
        }
        ins.setString(8, STATUS[status[s]]);
        ins.setLong(9, now);
        ins.addBatch();
        if (++pending == 20_000) {
          ins.executeBatch();
          pending = 0;
        }
      }
      ins.executeBatch();
    }
    Meta.set(c, Meta.FEATURES_DIRTY, "0");
    Meta.set(c, Meta.FEATURES_SETTINGS, settings.fingerprint());
  }

  private static void replayEvents(PreparedStatement events, int campaign, int turn, boolean[] proxyAgent,
      OpenClassifier classifier, boolean[] seen, int[] openedStamp, int[] humanOpens, int[] machineOpens,
      int[] humanClicks, long[] lastHuman, byte[] status) throws SQLException {
    events.setInt(1, campaign);
    try (ResultSet rs = events.executeQuery()) {
      while (rs.next()) {
        int s = rs.getInt(1);
        int type = rs.getInt(2);
        long at = rs.getLong(3);
        seen[s] = true;
        if (type == EventType.OPEN.code() || type == EventType.CLICK.code()) {
          int agent = rs.getInt(4);
          boolean isProxy = agent > 0 && agent < proxyAgent.length && proxyAgent[agent];
          boolean apple = rs.getInt(5) == 1;
          int flag = rs.getInt(6);
          Boolean providerFlag = rs.wasNull() ? null : flag == 1;
          long deliveredAt = rs.getLong(7);
          if (rs.wasNull()) {
            deliveredAt = Long.MIN_VALUE;
          }
          boolean human;
          if (type == EventType.OPEN.code()) {
            human = classifier.classify(providerFlag, isProxy, apple, at, deliveredAt).kind() == OpenKind.HUMAN;
            if (human) {
              humanOpens[s]++;
              openedStamp[s] = turn;
            } else {
              machineOpens[s]++;
            }
          } else {
            human = !Boolean.TRUE.equals(providerFlag);
            if (human) {
              humanClicks[s]++;
            }
          }
          if (human && at > lastHuman[s]) {
            lastHuman[s] = at;
          }
        } else if (type == EventType.COMPLAINT.code()) {
          status[s] = (byte) Math.max(status[s], COMPLAINED);
        } else if (type == EventType.UNSUBSCRIBE.code()) {
          status[s] = (byte) Math.max(status[s], UNSUBSCRIBED);
        }
      }
    }
  }

  /** Which agent ids are the bare privacy-proxy agent: the only agent text the classifier looks at. */
  private static boolean[] proxyAgents(Connection c) throws SQLException {
    boolean[] proxy = new boolean[maxId(c, "SELECT coalesce(max(id), 0) FROM agents") + 1];
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM agents WHERE text = ?")) {
      ps.setString(1, OpenClassifier.PROXY_AGENT);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          proxy[rs.getInt(1)] = true;
        }
      }
    }
    return proxy;
  }

  /** A list that says unsubscribed or cleaned is believed even without the event in the log. */
  private static void listStatus(Connection c, byte[] status) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, status FROM subscribers WHERE status IN ('unsubscribed', 'cleaned')")) {
      while (rs.next()) {
        status[rs.getInt(1)] = "cleaned".equals(rs.getString(2)) ? HARD_BOUNCED : UNSUBSCRIBED;
      }
    }
  }

  private static int maxId(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
