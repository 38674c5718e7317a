package dev.starling.engine.features.replay;

import dev.starling.engine.features.ClickClassifier;
import dev.starling.engine.features.ClickReason;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.OpenKind;
import dev.starling.engine.features.SubscriberStatus;
import java.util.Arrays;
import java.util.List;

/**
 * Everyone's running state during a replay, one primitive array per feature, indexed by the dense
 * subscriber id: about a hundred bytes per subscriber whatever the number of events (a million
 * subscribers: about 100 MB), and no object per subscriber. The replay feeds it campaign by campaign
 * ({@link CampaignPass}); {@link FeatureWriter} turns it into feature rows; {@link ReplaySnapshot}
 * saves and restores it, chunk by chunk, straight from these arrays (never a second copy of them).
 *
 * <p>Two choices keep the saved state proportional to what changed. Every write to a subscriber marks
 * its chunk of {@link #chunkBits 2^chunkBits} subscribers as changed, so a save rewrites only those chunks. And the
 * decayed score is kept as of a fixed {@link #anchor} time instead of the as-of time, so moving the
 * as-of time forward (every refresh) changes no stored score: {@link #score(int)} discounts it on read.
 */
final class ReplayState {
  /** {@link SubscriberStatus} ordinals, kept as bytes: one byte per subscriber, raised with {@code max}. */
  static final byte ACTIVE = (byte) SubscriberStatus.ACTIVE.ordinal();
  static final byte UNSUBSCRIBED = (byte) SubscriberStatus.UNSUBSCRIBED.ordinal();
  static final byte HARD_BOUNCED = (byte) SubscriberStatus.HARD_BOUNCED.ordinal();
  static final byte COMPLAINED = (byte) SubscriberStatus.COMPLAINED.ordinal();

  /**
   * Subscribers per saved chunk, as a power of two (the chunk is {@code s >>> chunkBits}): 8,192 make
   * about 700 KB, small beside the heap, and a million subscribers 123 chunks.
   */
  static final int CHUNK_BITS = 13;
  /** Clicked URLs kept per subscriber (the feature shows the first ones). */
  static final int MAX_URLS = 20;
  /** Past this many half-lives between anchor and as-of the scores are re-anchored (doubles hold 2^1000). */
  private static final double MAX_HALF_LIVES = 400;

  final EngagementSettings settings;
  final long asOf;
  /** The time the stored scores are discounted to: {@code score[s]} is the sum of each weight decayed to it. */
  long anchor;
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
  /** The distinct human-clicked URLs in first-click order, as ids of {@link #urlNames}; null when none. */
  final int[][] urls;
  /** The high-intent patterns matched, as indexes into the settings' list, in first-match order; null when none. */
  final int[][] pages;
  /** Every URL text once, shared by all subscribers (a million people click a few thousand distinct URLs). */
  final UrlNames urlNames;
  /** Per chunk of {@code 2^chunkBits} subscribers: written to since this state was loaded or last saved. */
  final boolean[] changed;
  final int chunkBits;
  /** The saved slot that holds this state's unchanged chunks (the one it was loaded from or last saved to), or -1. */
  int savedIn = -1;
  private int[] receivedNow = new int[1024];
  private int count;

  /** A state before the first campaign, anchored at {@code asOf}. */
  ReplayState(int n, EngagementSettings settings, long asOf) {
    this(n, settings, asOf, asOf, new UrlNames(), CHUNK_BITS);
  }

  ReplayState(int n, EngagementSettings settings, long asOf, long anchor, UrlNames urlNames, int chunkBits) {
    this.chunkBits = chunkBits;
    this.settings = settings;
    this.asOf = asOf;
    this.anchor = anchor;
    this.urlNames = urlNames;
    this.decayPerMs = Math.log(2) / (settings.halfLifeDays() * FeatureReplay.DAY);
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
    urls = new int[n][];
    pages = new int[n][];
    changed = new boolean[(n + (1 << chunkBits) - 1) >>> chunkBits];
  }

  int size() {
    return received.length;
  }

  /** Marks {@code s}'s chunk as changed; every write to a subscriber's saved fields goes through here. */
  private void touch(int s) {
    changed[s >>> chunkBits] = true;
  }

  /** Marks every chunk as changed (nothing of this state is saved yet, or all of it moved). */
  void touchAll() {
    Arrays.fill(changed, true);
  }

  /** The engagement score of {@code s} as of {@link #asOf}. */
  double score(int s) {
    return score[s] * Math.exp(-decayPerMs * (asOf - anchor));
  }

  /**
   * Moves the anchor to the as-of time when it lies so far back that the stored sums would grow
   * out of a double's range (hundreds of half-lives); every score changes, so every chunk is marked.
   */
  void reanchorIfFar() {
    if (decayPerMs * (asOf - anchor) > MAX_HALF_LIVES * Math.log(2)) {
      double f = Math.exp(-decayPerMs * (asOf - anchor));
      for (int s = 0; s < score.length; s++) {
        score[s] *= f;
      }
      anchor = asOf;
      touchAll();
    }
  }

  /** The per-subscriber int arrays a snapshot keeps, in a fixed order. */
  int[][] ints() {
    return new int[][] {received, delivered, opened, humanOpens, machineOpens, humanClicks, machineClicks, streak, misses, highIntent};
  }

  long[][] longs() {
    return new long[][] {history, lastHuman, firstHuman};
  }

  /** Forgets subscriber {@code s} (an erasure): every count back to zero, no URLs, as if never seen. */
  void clear(int s) {
    touch(s);
    for (int[] a : ints()) {
      a[s] = 0;
    }
    for (long[] a : longs()) {
      a[s] = 0;
    }
    score[s] = 0;
    wasStar[s] = false;
    dormantBefore[s] = false;
    everOpened[s] = false;
    seen[s] = false;
    status[s] = ACTIVE;
    urls[s] = null;
    pages[s] = null;
  }

  /** A list that says unsubscribed or cleaned is believed even without the event in the log. */
  void listRemoved(int s, boolean cleaned) {
    touch(s);
    status[s] = cleaned ? HARD_BOUNCED : UNSUBSCRIBED;
  }

  /** {@code s} appears in the campaign being replayed (a message or an event). */
  void seen(int s) {
    if (!seen[s]) {
      seen[s] = true;
      touch(s);
    }
  }

  void complained(int s) {
    touch(s);
    status[s] = (byte) Math.max(status[s], COMPLAINED);
  }

  void unsubscribed(int s) {
    touch(s);
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
    touch(s);
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
    touch(s);
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
    touch(s);
    List<ClickReason> reasons = classifier.classify(pending, deliveredAt);
    for (int i = 0; i < pending.size(); i++) {
      ClickClassifier.Click c = pending.get(i);
      if (reasons.get(i).kind() == OpenKind.HUMAN) {
        humanClicks[s]++;
        human(s, c.at(), settings.clickWeight());
        if (c.url() != null) {
          int[] u = urls[s];
          if (u == null || u.length < MAX_URLS) {
            urls[s] = addIfAbsent(u, urlNames.id(c.url()));
          }
          String lower = c.url().toLowerCase(java.util.Locale.ROOT);
          List<String> patterns = settings.highIntentPatterns();
          for (int p = 0; p < patterns.size(); p++) {
            if (isPathSegment(lower, patterns.get(p))) {
              highIntent[s]++;
              pages[s] = addIfAbsent(pages[s], p);
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

  /** {@code set} with {@code v} appended unless present (insertion order, like a small linked set). */
  static int[] addIfAbsent(int[] set, int v) {
    if (set == null) {
      return new int[] {v};
    }
    for (int x : set) {
      if (x == v) {
        return set;
      }
    }
    int[] out = Arrays.copyOf(set, set.length + 1);
    out[set.length] = v;
    return out;
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
    // Decayed to the anchor, from no later than the as-of time (a later event counts in full, as if at it).
    score[s] += weight * Math.exp(-decayPerMs * (anchor - Math.min(at, asOf)));
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
