package dev.starling.engine.features.replay;

import dev.starling.engine.features.ClickClassifier;
import dev.starling.engine.features.ClickReason;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.OpenKind;
import dev.starling.engine.features.SubscriberStatus;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Everyone's running state during a replay, one array per feature, indexed by the dense subscriber id
 * (a few dozen bytes per subscriber, whatever the number of events). The replay feeds it campaign by
 * campaign ({@link CampaignPass}); {@link FeatureWriter} turns it into feature rows; {@link ReplaySnapshot}
 * saves and restores it.
 */
final class ReplayState {
  /** {@link SubscriberStatus} ordinals, kept as bytes: one byte per subscriber, raised with {@code max}. */
  static final byte ACTIVE = (byte) SubscriberStatus.ACTIVE.ordinal();
  static final byte UNSUBSCRIBED = (byte) SubscriberStatus.UNSUBSCRIBED.ordinal();
  static final byte HARD_BOUNCED = (byte) SubscriberStatus.HARD_BOUNCED.ordinal();
  static final byte COMPLAINED = (byte) SubscriberStatus.COMPLAINED.ordinal();

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

  ReplayState(int n, EngagementSettings settings, long asOf) {
    this.settings = settings;
    this.asOf = asOf;
    this.decayPerMs = settings == null ? 0 : Math.log(2) / (settings.halfLifeDays() * FeatureReplay.DAY);
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
  ReplayState copy(int n, EngagementSettings settings, long newAsOf, double scoreFactor) {
    ReplayState c = new ReplayState(n, settings, newAsOf);
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

  /** Forgets subscriber {@code s}: every count back to zero, no URLs, as if never seen. */
  void clear(int s) {
    for (int[] a : ints()) {
      a[s] = 0;
    }
    for (long[] a : longs()) {
      a[s] = 0;
    }
    for (boolean[] a : booleans()) {
      a[s] = false;
    }
    score[s] = 0;
    status[s] = ACTIVE;
    urls.remove(s);
    pages.remove(s);
  }

  /** A list that says unsubscribed or cleaned is believed even without the event in the log. */
  void listRemoved(int s, boolean cleaned) {
    status[s] = cleaned ? HARD_BOUNCED : UNSUBSCRIBED;
  }

  void complained(int s) {
    status[s] = (byte) Math.max(status[s], COMPLAINED);
  }

  void unsubscribed(int s) {
    status[s] = (byte) Math.max(status[s], UNSUBSCRIBED);
  }

  void beginCampaign() {
    count = 0;
  }

  /** When this campaign's message reached {@code s} (delivery, else send), or {@code Long.MIN_VALUE}. */
  long deliveredAt(int s, int turn) {
    return messageStamp[s] == turn ? messageTime[s] : Long.MIN_VALUE;
  }

  void message(int s, boolean delivered, boolean hardBounce, long deliveredOrSent, int turn) {
    messageStamp[s] = turn;
    messageTime[s] = deliveredOrSent;
    seen[s] = true;
    if (hardBounce) {
      status[s] = (byte) Math.max(status[s], HARD_BOUNCED);
      return;
    }
    if (delivered) {
      this.delivered[s]++;
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
}
