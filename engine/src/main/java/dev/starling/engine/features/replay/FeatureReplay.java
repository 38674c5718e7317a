package dev.starling.engine.features.replay;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.store.EventHistory;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.HumanOpeners;
import dev.starling.engine.store.ReplayStates;
import dev.starling.engine.store.Store;
import java.time.Clock;
import java.util.List;

/**
 * Recomputes {@code subscriber_features} and {@code account_features} by replaying the store campaign
 * by campaign, in send order.
 *
 * <p>Why a replay and not SQL aggregates: classifying an open or a click needs its message's delivery
 * time (and a click its siblings, for bursts), and streaks, dormancy and trends need each person's
 * campaigns in order. The jobs are split: {@link CampaignPass} classifies one campaign's rows into the
 * {@link ReplayState}; {@link ReplaySnapshot} saves that state (the chunks that changed) so the next refresh resumes from it;
 * {@link FeatureWriter} turns the finished state into feature rows. This class orders them.
 *
 * <p>Time-based features (recency, decay, "this week") are computed as of the newest event in the
 * store (capped by the clock), so importing last quarter's logs does not make everyone look dormant.
 */
public final class FeatureReplay {
  static final int WINDOW = 12;
  static final int TREND_WINDOW = 4;
  static final long DAY = 86_400_000L;
  /** Campaigns before the end at which the second snapshot is kept (late opens touch the last few). */
  static final int KEEP_BACK = 2;

  private FeatureReplay() {}

  /**
   * Refreshes the features when an import landed since the last refresh or the settings changed.
   *
   * @return whether a refresh ran
   */
  public static boolean refreshIfStale(Store store, EngagementSettings settings, Clock clock) {
    ReplayStates saved = new ReplayStates(store);
    // Checked first without the write lock: a reader of fresh features never takes it.
    if (!store.read(tx -> stale(saved, settings))) {
      return false;
    }
    return store.inTransaction(c -> {
      if (!stale(saved, settings)) {
        return false; // another process refreshed them meanwhile
      }
      refresh(store, settings, clock.millis(), false);
      return true;
    });
  }

  /**
   * Empties subscriber {@code subscriberId}'s slot in the saved replay states (an erasure), inside the
   * caller's writing transaction; the next refresh resumes from them as usual.
   */
  public static void forget(Store store, int subscriberId) {
    ReplaySnapshot.forget(new ReplayStates(store), subscriberId);
  }

  private static boolean stale(ReplayStates saved, EngagementSettings settings) {
    boolean dirty = saved.staleness() != ReplayStates.Staleness.FRESH;
    boolean sameSettings = saved.settings().map(settings.fingerprint()::equals).orElse(false);
    return dirty || !sameSettings;
  }

  /**
   * Recomputes the features inside the caller's transaction; resumes from a saved replay state when the
   * imports since the last refresh touched only campaigns after it (the weekly case), else replays
   * everything.
   *
   * @param forceFull replay from the first campaign whatever was saved
   * @return the number of campaigns replayed (of all campaigns in the store)
   */
  static int refresh(Store store, EngagementSettings settings, long now, boolean forceFull) {
    return refresh(store, settings, now, forceFull, ReplayState.CHUNK_BITS);
  }

  /** @param chunkBits a new state's chunk size (as a power of two): tests use small chunks to have many */
  static int refresh(Store store, EngagementSettings settings, long now, boolean forceFull, int chunkBits) {
    Timing timing = new Timing();
    EventHistory history = new EventHistory(store);
    ReplayStates saved = new ReplayStates(store);
    int n = history.maxSubscriberId() + 1;
    long asOf = Math.min(now, history.latestDataTime());
    if (asOf == 0) {
      asOf = now;
    }
    List<Integer> order = history.campaignsInSendOrder();
    boolean full = forceFull || saved.staleness() == ReplayStates.Staleness.LIST_DATA
        || !saved.settings().map(settings.fingerprint()::equals).orElse(false);
    ReplayState st = full ? null : ReplaySnapshot.resume(saved, order, saved.dirtyCampaigns(), n, settings, asOf);
    HumanOpeners openers = new HumanOpeners(store);
    if (st == null) {
      saved.clear(); // a new state names URLs by new ids: no saved state stays valid
      openers.clear(); // every campaign is replayed, with these settings
      st = new ReplayState(n, settings, asOf, asOf, new UrlNames(), chunkBits);
    }
    int from = st.turn;
    timing.mark("resume from turn " + from);
    CampaignPass pass = new CampaignPass(st, settings, history.agents());
    // The campaigns still to replay, then campaign 0 (the list-level events), read ahead in that order.
    List<Integer> toRead = new java.util.ArrayList<>(order.subList(from, order.size()));
    toRead.add(0);
    try (EventHistory.CampaignScan scan = history.campaignScanAhead(toRead)) {
      // Slot 1, a few campaigns before the end: saved when the replay passes that point (late opens
      // touch the last few campaigns, so the next refresh often resumes there); kept as saved when
      // this replay starts past it.
      if (from == order.size() - KEEP_BACK || order.size() <= KEEP_BACK) {
        ReplaySnapshot.save(saved, st, order, 1);
      }
      // Slot 0, the end of the data: campaigns after the last one with any rows (announced in a
      // campaigns file, not sent yet) change nobody's state, and the week's import fills the first of
      // them; a state saved before them lets that refresh replay the new campaign alone.
      int endOfData = Math.max(history.turnsWithData(order), from);
      if (from == endOfData) {
        ReplaySnapshot.save(saved, st, order, 0);
      }
      for (int i = from; i < order.size(); i++) {
        int turn = i + 1;
        pass.campaign(scan, order.get(i), turn);
        openers.put(order.get(i), pass.humanOpeners());
        if (turn == order.size() - KEEP_BACK) {
          ReplaySnapshot.save(saved, st, order, 1);
        }
        if (turn == endOfData) {
          ReplaySnapshot.save(saved, st, order, 0);
        }
      }
      timing.mark("replay " + (order.size() - from) + " campaigns and save snapshots");
      // After the snapshots: list-level unsubscribes and complaints, and (in FeatureWriter) the list's own
      // status, are applied on every refresh (they only ever raise a status, so applying them again is harmless).
      pass.events(scan, 0, order.size() + 1);
    }
    FeatureWriter.write(st, new FeatureTables(store), now);
    timing.mark("write features");
    saved.markFresh(settings.fingerprint());
    return order.size() - from;
  }

  /** Phase times on stderr when the JVM runs with -Dstarling.timing=true (for tuning; off by default). */
  private static final class Timing {
    private final boolean on = Boolean.getBoolean("starling.timing");
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    private long last = System.nanoTime();
    private long lastCpu = threads.getCurrentThreadCpuTime();

    void mark(String phase) {
      if (on) {
        long t = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        System.err.printf("refresh: %-28s %6.2f s (this thread's CPU %.2f s)%n", phase, (t - last) / 1e9, (cpu - lastCpu) / 1e9);
        last = t;
        lastCpu = cpu;
      }
    }
  }
}
