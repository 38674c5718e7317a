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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Recomputes {@code subscriber_features} and {@code account_features} by replaying the store campaign
 * by campaign, in send order.
 *
 * <p>Why a replay and not SQL aggregates: classifying an open or a click needs its message's delivery
 * time (and a click its siblings, for bursts), and streaks, dormancy and trends need each person's
 * campaigns in order. Both tables are clustered campaign-first, so each campaign is two range scans;
 * per-person state lives in arrays indexed by the dense subscriber id ({@link State}), so memory is a
 * few dozen bytes per subscriber whatever the number of events. Column reads through JDBC dominate,
 * so each query returns as few columns as it can.
 *
 * <p>Time-based features (recency, decay, "this week") are computed as of the newest event in the
 * store (capped by the clock), so importing last quarter's logs does not make everyone look dormant.
 */
public final class FeatureReplay {
  static final int WINDOW = 12;
  static final int TREND_WINDOW = 4;
  static final long DAY = 86_400_000L;

  private FeatureReplay() {}

  /**
   * Refreshes the features when an import landed since the last refresh or the settings changed.
   *
   * @return whether a refresh ran
   */
  public static boolean refreshIfStale(Store store, EngagementSettings settings, Clock clock) {
    return store.withConnection(c -> {
      boolean dirty = Meta.get(c, Meta.FEATURES_DIRTY).map(v -> !v.equals("0")).orElse(false); // "1" or "full"
      boolean sameSettings = Meta.get(c, Meta.FEATURES_SETTINGS).map(settings.fingerprint()::equals).orElse(false);
      if (!dirty && sameSettings) {
        return false;
      }
      refresh(c, settings, clock.millis());
      return true;
    });
  }

  /** Campaigns before the end at which the second snapshot is kept (late opens touch the last few). */
  static final int KEEP_BACK = 2;

  /** Recomputes every subscriber's and account's features inside the caller's transaction. */
  public static void refresh(Connection c, EngagementSettings settings, long now) throws SQLException {
    refresh(c, settings, now, false);
  }

  /**
   * Recomputes the features; resumes from a saved replay state when the imports since the last
   * refresh touched only campaigns after it (the weekly case), else replays everything.
   *
   * @param forceFull replay from the first campaign whatever was saved
   * @return the number of campaigns replayed (of all campaigns in the store)
   */
  static int refresh(Connection c, EngagementSettings settings, long now, boolean forceFull) throws SQLException {
    Timing timing = new Timing();
    int n = intQuery(c, "SELECT coalesce(max(id), 0) FROM subscribers") + 1;
    long asOf = Math.min(now, latestDataTime(c));
    if (asOf == 0) {
      asOf = now;
    }
    List<Integer> order = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM campaigns ORDER BY sent_at IS NULL, sent_at, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        order.add(rs.getInt(1));
      }
    }
    boolean full = forceFull || Meta.get(c, Meta.FEATURES_DIRTY).map("full"::equals).orElse(false)
        || !Meta.get(c, Meta.FEATURES_SETTINGS).map(settings.fingerprint()::equals).orElse(false);
    State st = full ? null : ReplaySnapshot.resume(c, order, dirtyCampaigns(c), n, settings, asOf);
    if (st == null) {
      st = new State(n, settings, asOf);
    }
    int from = st.turn;
    timing.mark("resume from turn " + from);
    boolean[] proxyAgent = agentFlags(c, true);
    boolean[] scannerAgent = agentFlags(c, false);

    try (PreparedStatement messages = c.prepareStatement(
            // id*2 + delivered, negated for a hard bounce; rows neither received nor hard-bounced are left out
            "SELECT CASE WHEN bounce = 2 THEN -2 * subscriber_id ELSE 2 * subscriber_id + (delivered_at IS NOT NULL) END,"
                + " coalesce(delivered_at, sent_at) FROM messages WHERE campaign_id = ?"
                + " AND (bounce = 2 OR delivered_at IS NOT NULL OR (bounce = 0 AND sent_at IS NOT NULL))");
        PreparedStatement events = c.prepareStatement(
            // The delivery time comes from the messages scan (an array per campaign): a join would cost
            // one B-tree lookup per event, most of the replay's time.
            "SELECT subscriber_id, type, at, agent_id, substr(ip, 1, 3) = '17.', machine_flag, url"
                + " FROM events WHERE campaign_id = ?")) {
      OpenClassifier opens = new OpenClassifier(settings);
      ClickClassifier clicks = new ClickClassifier(settings);
      // The earlier snapshot: kept as saved when this replay starts past its point, else taken anew.
      ReplaySnapshot earlier = null;
      if (from == order.size() - KEEP_BACK || order.size() <= KEEP_BACK) {
        earlier = ReplaySnapshot.of(st, order);
      }
      for (int i = from; i < order.size(); i++) {
        int turn = i + 1;
        int campaign = order.get(i);
        messages.setInt(1, campaign);
        st.beginCampaign();
        try (ResultSet rs = messages.executeQuery()) {
          while (rs.next()) {
            int code = rs.getInt(1);
            long time = rs.getLong(2);
            st.message(code, rs.wasNull() ? Long.MIN_VALUE : time, turn);
          }
        }
        replayEvents(events, campaign, turn, proxyAgent, scannerAgent, opens, clicks, st);
        st.endCampaign(turn);
        if (turn == order.size() - KEEP_BACK) {
          earlier = ReplaySnapshot.of(st, order);
        }
      }
      timing.mark("replay " + (order.size() - from) + " campaigns");
      ReplaySnapshot.save(c, 0, ReplaySnapshot.of(st, order));
      if (earlier != null) {
        ReplaySnapshot.save(c, 1, earlier);
      }
      timing.mark("save snapshots");
      // After the snapshots: list-level unsubscribes and complaints, and the list's own status, are
      // applied on every refresh (they only ever raise a status, so applying them again is harmless).
      replayEvents(events, 0, order.size() + 1, proxyAgent, scannerAgent, opens, clicks, st);
    }
    st.listStatus(c);
    st.write(c, now);
    timing.mark("write features");
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM dirty_campaigns");
    }
    Meta.set(c, Meta.FEATURES_DIRTY, "0");
    Meta.set(c, Meta.FEATURES_SETTINGS, settings.fingerprint());
    return order.size() - from;
  }

  /** Phase times on stderr when the JVM runs with -Dstarling.timing=true (for tuning; off by default). */
  private static final class Timing {
    private final boolean on = Boolean.getBoolean("starling.timing");
    private long last = System.nanoTime();

    void mark(String phase) {
      if (on) {
        long t = System.nanoTime();
        System.err.printf("refresh: %-28s %6.2f s%n", phase, (t - last) / 1e9);
        last = t;
      }
    }
  }

  /** The newest event or message time in the store: kept by the importer, else found by a scan. */
  public static long latestDataTime(Connection c) throws SQLException {
    var kept = Meta.get(c, Meta.LATEST_DATA_TIME);
    if (kept.isPresent()) {
      return Long.parseLong(kept.get());
    }
    return Math.max(longQuery(c, "SELECT coalesce(max(at), 0) FROM events"),
        longQuery(c, "SELECT coalesce(max(max(coalesce(delivered_at, 0), coalesce(sent_at, 0), coalesce(bounced_at, 0))), 0) FROM messages"));
  }

  private static java.util.Set<Integer> dirtyCampaigns(Connection c) throws SQLException {
    java.util.Set<Integer> out = new java.util.HashSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT campaign_id FROM dirty_campaigns")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  private static void replayEvents(PreparedStatement events, int campaign, int turn, boolean[] proxyAgent,
      boolean[] scannerAgent, OpenClassifier opens, ClickClassifier clicks, State st) throws SQLException {
    events.setInt(1, campaign);
    // Rows come grouped by subscriber (the key order); a subscriber's clicks are classified together.
    int current = -1;
    long currentDelivered = Long.MIN_VALUE;
    List<ClickClassifier.Click> pending = new ArrayList<>();
    try (ResultSet rs = events.executeQuery()) {
      while (rs.next()) {
        int s = rs.getInt(1);
        int type = rs.getInt(2);
        long at = rs.getLong(3);
        if (s != current) {
          st.clicks(current, pending, clicks, currentDelivered);
          current = s;
        }
        st.seen[s] = true;
        if (type == EventType.OPEN.code() || type == EventType.CLICK.code()) {
          int agent = rs.getInt(4);
          boolean apple = rs.getInt(5) == 1;
          int flag = rs.getInt(6);
          Boolean providerFlag = rs.wasNull() ? null : flag == 1;
          currentDelivered = st.deliveredAt(s, turn);
          boolean known = agent > 0 && agent < proxyAgent.length;
          if (type == EventType.OPEN.code()) {
            OpenReason r = opens.classify(providerFlag, known && proxyAgent[agent], apple, at, currentDelivered);
            st.open(s, turn, at, r.kind() == OpenKind.HUMAN);
          } else {
            pending.add(new ClickClassifier.Click(at, rs.getString(7), providerFlag, known && scannerAgent[agent]));
          }
        } else if (type == EventType.COMPLAINT.code()) {
          st.status[s] = (byte) Math.max(st.status[s], State.COMPLAINED);
        } else if (type == EventType.UNSUBSCRIBE.code()) {
          st.status[s] = (byte) Math.max(st.status[s], State.UNSUBSCRIBED);
        }
      }
    }
    st.clicks(current, pending, clicks, currentDelivered);
  }

  /** Per-agent flags: the bare privacy-proxy agent ({@code proxy}), or a known scanner's agent. */
  private static boolean[] agentFlags(Connection c, boolean proxy) throws SQLException {
    boolean[] flags = new boolean[intQuery(c, "SELECT coalesce(max(id), 0) FROM agents") + 1];
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, text FROM agents")) {
      while (rs.next()) {
        String text = rs.getString(2);
        flags[rs.getInt(1)] = proxy ? OpenClassifier.PROXY_AGENT.equals(text) : ClickClassifier.isScannerAgent(text);
      }
    }
    return flags;
  }

  static int intQuery(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }

  static long longQuery(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Everyone's running state, one array per feature, indexed by subscriber id. */
  static final class State {
    static final byte ACTIVE = 0;
    static final byte UNSUBSCRIBED = 1;
    static final byte HARD_BOUNCED = 2;
    static final byte COMPLAINED = 3;
    static final String[] STATUS = {"active", "unsubscribed", "hard_bounced", "complained"};

    final EngagementSettings settings;
    final long asOf;
    /** Campaigns replayed into this state. */
    int turn;
    final double decayPerMs;
    final int[] received;
    final int[] delivered;
    final int[] opened;
    final int[] humanOpens;
    final int[] machineOpens;
    final int[] humanClicks;
    final int[] machineClicks;
    final int[] streak;
    final int[] misses;
    final long[] history; // bit 0 = most recent received campaign, 1 = human-opened
    final long[] lastHuman;
    final long[] firstHuman;
    final double[] score;
    final boolean[] wasStar;
    final boolean[] dormantBefore;
    final boolean[] everOpened;
    final byte[] status;
    final boolean[] seen;
    final int[] openedStamp;
    final int[] highIntent;
    // This campaign's delivery (else send) time per subscriber, valid where messageStamp == the turn.
    final int[] messageStamp;
    final long[] messageTime;
    Map<Integer, LinkedHashSet<String>> urls = new HashMap<>();
    Map<Integer, LinkedHashSet<String>> pages = new HashMap<>();
    private int[] receivedNow = new int[1024];
    private int count;

    State(int n, EngagementSettings settings, long asOf) {
      this.settings = settings;
      this.asOf = asOf;
      this.decayPerMs = settings == null ? 0 : Math.log(2) / (settings.halfLifeDays() * DAY);
      received = new int[n];
      delivered = new int[n];
      opened = new int[n];
      humanOpens = new int[n];
      machineOpens = new int[n];
      humanClicks = new int[n];
      machineClicks = new int[n];
      streak = new int[n];
      misses = new int[n];
      history = new long[n];
      lastHuman = new long[n];
      firstHuman = new long[n];
      score = new double[n];
      wasStar = new boolean[n];
      dormantBefore = new boolean[n];
      everOpened = new boolean[n];
      status = new byte[n];
      seen = new boolean[n];
      openedStamp = new int[n];
      highIntent = new int[n];
      messageStamp = new int[n];
      messageTime = new long[n];
    }

    /** The per-subscriber int arrays a snapshot keeps, in a fixed order. */
    int[][] ints() {
      return new int[][] {received, delivered, opened, humanOpens, machineOpens, humanClicks, machineClicks, streak, misses, highIntent};
    }

    long[][] longs() {
      return new long[][] {history, lastHuman, firstHuman};
    }

    boolean[][] booleans() {
      return new boolean[][] {wasStar, dormantBefore, everOpened, seen};
    }

    /**
     * A deep copy with room for {@code n} subscribers, re-dated to {@code newAsOf} with every score
     * multiplied by {@code scoreFactor}. Per-campaign scratch is not copied (it is reset every campaign).
     */
    State copy(int n, EngagementSettings settings, long newAsOf, double scoreFactor) {
      State c = new State(n, settings, newAsOf);
      int m = Math.min(n, received.length);
      int[][] from = ints();
      int[][] to = c.ints();
      for (int k = 0; k < from.length; k++) {
        System.arraycopy(from[k], 0, to[k], 0, m);
      }
      long[][] lf = longs();
      long[][] lt = c.longs();
      for (int k = 0; k < lf.length; k++) {
        System.arraycopy(lf[k], 0, lt[k], 0, m);
      }
      boolean[][] bf = booleans();
      boolean[][] bt = c.booleans();
      for (int k = 0; k < bf.length; k++) {
        System.arraycopy(bf[k], 0, bt[k], 0, m);
      }
      System.arraycopy(status, 0, c.status, 0, m);
      for (int i = 0; i < m; i++) {
        c.score[i] = score[i] * scoreFactor;
      }
      c.urls = ReplaySnapshot.deepCopy(urls);
      c.pages = ReplaySnapshot.deepCopy(pages);
      c.turn = turn;
      return c;
    }

    /** A list that says unsubscribed or cleaned is believed even without the event in the log. */
    void listStatus(Connection c) throws SQLException {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, status FROM subscribers WHERE status IN ('unsubscribed', 'cleaned')")) {
        while (rs.next()) {
          status[rs.getInt(1)] = "cleaned".equals(rs.getString(2)) ? HARD_BOUNCED : UNSUBSCRIBED;
        }
      }
    }

    void beginCampaign() {
      count = 0;
    }

    /** When this campaign's message reached {@code s} (delivery, else send), or {@code Long.MIN_VALUE}. */
    long deliveredAt(int s, int turn) {
      return messageStamp[s] == turn ? messageTime[s] : Long.MIN_VALUE;
    }

    void message(int code, long deliveredOrSent, int turn) {
      int sub = code < 0 ? -code / 2 : code / 2;
      messageStamp[sub] = turn;
      messageTime[sub] = deliveredOrSent;
      if (code < 0) {
        int s = -code / 2;
        seen[s] = true;
        status[s] = (byte) Math.max(status[s], HARD_BOUNCED);
        return;
      }
      int s = code / 2;
      seen[s] = true;
      if ((code & 1) == 1) {
        delivered[s]++;
      }
      if (count == receivedNow.length) {
        receivedNow = Arrays.copyOf(receivedNow, count * 2);
      }
      receivedNow[count++] = s;
    }

    void open(int s, int turn, long at, boolean human) {
      if (human) {
        humanOpens[s]++;
        openedStamp[s] = turn;
        human(s, at, settings.openWeight());
      } else {
        machineOpens[s]++;
      }
    }

    void clicks(int s, List<ClickClassifier.Click> pending, ClickClassifier classifier, long deliveredAt) {
      if (s < 0 || pending.isEmpty()) {
        pending.clear();
        return;
      }
      List<ClickReason> reasons = classifier.classify(pending, deliveredAt);
      for (int i = 0; i < pending.size(); i++) {
        ClickClassifier.Click c = pending.get(i);
        if (reasons.get(i).kind() == OpenKind.HUMAN) {
          humanClicks[s]++;
          human(s, c.at(), settings.clickWeight());
          if (c.url() != null) {
            LinkedHashSet<String> u = urls.computeIfAbsent(s, k -> new LinkedHashSet<>());
            if (u.size() < 20) {
              u.add(c.url());
            }
            String lower = c.url().toLowerCase(java.util.Locale.ROOT);
            for (String p : settings.highIntentPatterns()) {
              if (isPathSegment(lower, p)) {
                highIntent[s]++;
                pages.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(p);
                break;
              }
            }
          }
        } else {
          machineClicks[s]++;
        }
      }
      pending.clear();
    }

    /**
     * Whether {@code word} is a whole path segment of the URL ({@code /pricing}, {@code /en/demo?x}),
     * the same test as the default rule's pattern: {@code /blog/pricing-tips} and
     * {@code https://pricing.example/} do not count.
     */
    static boolean isPathSegment(String url, String word) {
      int scheme = url.indexOf("://");
      int from = scheme < 0 ? 0 : url.indexOf('/', scheme + 3);
      for (int i = from < 0 ? -1 : url.indexOf("/" + word, from); i >= 0; i = url.indexOf("/" + word, i + 1)) {
        int end = i + 1 + word.length();
        if (end == url.length() || "/?#".indexOf(url.charAt(end)) >= 0) {
          return true;
        }
      }
      return false;
    }

    private void human(int s, long at, double weight) {
      if (at > lastHuman[s]) {
        lastHuman[s] = at;
      }
      if (firstHuman[s] == 0 || at < firstHuman[s]) {
        firstHuman[s] = at;
      }
      score[s] += weight * Math.exp(-decayPerMs * Math.max(0, asOf - at));
    }

    void endCampaign(int turn) {
      this.turn = turn;
      for (int i = 0; i < count; i++) {
        int s = receivedNow[i];
        received[s]++;
        boolean o = openedStamp[s] == turn;
        history[s] = (history[s] << 1) | (o ? 1 : 0);
        if (o) {
          opened[s]++;
          dormantBefore[s] = everOpened[s] && misses[s] >= settings.dormancyCampaigns();
          everOpened[s] = true;
          streak[s]++;
          misses[s] = 0;
        } else {
          streak[s] = 0;
          misses[s]++;
        }
        if (received[s] >= 5 && (double) opened[s] / received[s] >= 0.9) {
          wasStar[s] = true;
        }
      }
    }

    SubscriberFeatures features(int s, String email, String domain, String company, String account) {
      int r = received[s];
      int lastN = Math.min(r, WINDOW);
      int lastNOpened = Long.bitCount(history[s] & mask(lastN));
      int recentN = Math.min(r, TREND_WINDOW);
      int prevN = Math.min(r - recentN, TREND_WINDOW);
      double trend = prevN == 0 ? 0
          : (double) Long.bitCount(history[s] & mask(recentN)) / recentN
              - (double) Long.bitCount((history[s] >>> recentN) & mask(prevN)) / prevN;
      double ratio = r == 0 ? 0 : (double) opened[s] / r;
      double recentRate = lastN == 0 ? 0 : (double) lastNOpened / lastN;
      int tier;
      if (r < 3) {
        tier = 0;
      } else if (r >= 5 && ratio >= 0.9) {
        tier = 5;
      } else if (recentRate >= 0.75) {
        tier = 4;
      } else if (recentRate >= 0.5) {
        tier = 3;
      } else if (recentRate >= 0.25) {
        tier = 2;
      } else {
        tier = recentRate > 0 ? 1 : 0;
      }
      int opens = humanOpens[s] + machineOpens[s];
      String confidence;
      if (humanOpens[s] == 0 && humanClicks[s] > 0) {
        confidence = "low"; // reads only through a proxy, yet clicks: engaged, but the opens say nothing
      } else if (opens == 0 || (double) machineOpens[s] / opens < 0.25) {
        confidence = "high";
      } else {
        confidence = (double) machineOpens[s] / opens < 0.75 ? "medium" : "low";
      }
      String state;
      if (r < 3) {
        state = "unknown"; // too few sends to judge; write() makes it "new" for people who joined recently
      } else if (misses[s] >= settings.dormancyCampaigns()) {
        state = "dormant";
      } else if (recentRate >= 0.5) {
        state = "engaged";
      } else {
        state = "active";
      }
      return new SubscriberFeatures(email, domain, company, account, r, delivered[s], opened[s], humanOpens[s],
          machineOpens[s], humanClicks[s], machineClicks[s], lastN, lastNOpened, streak[s], misses[s], lastHuman[s],
          firstHuman[s], score[s], trend, tier, wasStar[s], dormantBefore[s], confidence, STATUS[status[s]], state,
          List.copyOf(urls.getOrDefault(s, new LinkedHashSet<>())), highIntent[s],
          List.copyOf(pages.getOrDefault(s, new LinkedHashSet<>())), asOf);
    }

    static long mask(int bits) {
      return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    void write(Connection c, long now) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("DELETE FROM subscriber_features");
        s.executeUpdate("DELETE FROM account_features");
      }
      Map<String, double[]> accounts = new HashMap<>(); // people, engaged, engaged14, newly14, score
      try (Statement q = c.createStatement();
          ResultSet rs = q.executeQuery("SELECT id, email, domain, company, created_at FROM subscribers ORDER BY id");
          PreparedStatement ins = c.prepareStatement("INSERT INTO subscriber_features (subscriber_id, received, delivered,"
              + " campaigns_opened, human_opens, machine_opens, human_clicks, machine_clicks, last_n, last_n_opened, streak,"
              + " recent_misses, last_human_at, first_human_at, score, trend, star_tier, was_star, dormant_before, confidence,"
              + " status, state, clicked_urls, high_intent_clicks, high_intent_pages, account, as_of, computed_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        int pending = 0;
        while (rs.next()) {
          int s = rs.getInt(1);
          if (s >= seen.length || (!seen[s] && status[s] == ACTIVE)) {
            continue;
          }
          String domain = rs.getString(3);
          String company = rs.getString(4);
          String account = Accounts.keyOf(company, domain);
          SubscriberFeatures f = features(s, rs.getString(2), domain, company, account);
          if (f.received() < 3 && rs.getLong(5) != 0 && f.state().equals("unknown") && asOf - rs.getLong(5) <= 30 * DAY) {
            f = withState(f, "new"); // joined within 30 days: too early to judge, and not "unknown"
          }
          bind(ins, s, f, now);
          ins.addBatch();
          if (++pending == 20_000) {
            ins.executeBatch();
            pending = 0;
          }
          if (account != null) {
            double[] a = accounts.computeIfAbsent(account, k -> new double[5]);
            a[0]++;
            boolean engaged = f.state().equals("engaged") || f.state().equals("active");
            if (engaged) {
              a[1]++;
            }
            if (f.lastHumanAt() != 0 && asOf - f.lastHumanAt() <= 14 * DAY) {
              a[2]++;
              if (asOf - f.firstHumanAt() <= 14 * DAY) {
                a[3]++;
              }
            }
            a[4] += f.score();
          }
        }
        ins.executeBatch();
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO account_features (account, people, engaged_people,"
          + " engaged_14d, newly_engaged_14d, score_sum) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (Map.Entry<String, double[]> e : accounts.entrySet()) {
          double[] a = e.getValue();
          ins.setString(1, e.getKey());
          ins.setInt(2, (int) a[0]);
          ins.setInt(3, (int) a[1]);
          ins.setInt(4, (int) a[2]);
          ins.setInt(5, (int) a[3]);
          ins.setDouble(6, a[4]);
          ins.addBatch();
        }
        ins.executeBatch();
      }
    }

    private static SubscriberFeatures withState(SubscriberFeatures f, String state) {
      return new SubscriberFeatures(f.email(), f.domain(), f.company(), f.account(), f.received(), f.delivered(),
          f.campaignsOpened(), f.humanOpens(), f.machineOpens(), f.humanClicks(), f.machineClicks(), f.lastN(),
          f.lastNOpened(), f.streak(), f.recentMisses(), f.lastHumanAt(), f.firstHumanAt(), f.score(), f.trend(),
          f.starTier(), f.wasStar(), f.dormantBefore(), f.confidence(), f.status(), state, f.clickedUrls(),
          f.highIntentClicks(), f.highIntentPages(), f.asOf());
    }

    private static void bind(PreparedStatement ps, int s, SubscriberFeatures f, long now) throws SQLException {
      ps.setInt(1, s);
      ps.setInt(2, f.received());
      ps.setInt(3, f.delivered());
      ps.setInt(4, f.campaignsOpened());
      ps.setInt(5, f.humanOpens());
      ps.setInt(6, f.machineOpens());
      ps.setInt(7, f.humanClicks());
      ps.setInt(8, f.machineClicks());
      ps.setInt(9, f.lastN());
      ps.setInt(10, f.lastNOpened());
      ps.setInt(11, f.streak());
      ps.setInt(12, f.recentMisses());
      setTime(ps, 13, f.lastHumanAt());
      setTime(ps, 14, f.firstHumanAt());
      ps.setDouble(15, f.score());
      ps.setDouble(16, f.trend());
      ps.setInt(17, f.starTier());
      ps.setInt(18, f.wasStar() ? 1 : 0);
      ps.setInt(19, f.dormantBefore() ? 1 : 0);
      ps.setString(20, f.confidence());
      ps.setString(21, f.status());
      ps.setString(22, f.state());
      ps.setString(23, String.join("\n", f.clickedUrls()));
      ps.setInt(24, f.highIntentClicks());
      ps.setString(25, String.join("\n", f.highIntentPages()));
      ps.setString(26, f.account());
      ps.setLong(27, f.asOf());
      ps.setLong(28, now);
    }

    private static void setTime(PreparedStatement ps, int i, long v) throws SQLException {
      if (v == 0) {
        ps.setNull(i, Types.INTEGER);
      } else {
        ps.setLong(i, v);
      }
    }
  }
}
