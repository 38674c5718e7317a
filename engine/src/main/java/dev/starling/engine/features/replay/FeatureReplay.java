package dev.starling.engine.features.replay;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.FeatureSource;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.store.EventHistory;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.HumanOpeners;
import dev.starling.engine.store.ReplayStates;
import dev.starling.engine.store.Store;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

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
    if (!store.read(tx -> stale(saved, settings) || saved.rowsStale())) {
      return false;
    }
    return store.inTransaction(c -> {
      if (stale(saved, settings)) {
        refresh(store, settings, clock.millis(), false);
        return true;
      }
      if (saved.rowsStale()) {
        writeRows(store, settings, clock.millis());
        return true;
      }
      return false; // another process refreshed them meanwhile
    });
  }

  /**
   * The features as of the data, for a command that reads them all once (stars, leads): when an import
   * landed since the last refresh, the saved replay state is brought up to date (as {@link #refreshIfStale}
   * does) but the feature rows are left to be written by the first command that reads them from the
   * table; the state itself is returned, read through {@link LiveFeatures}. Writing a row per subscriber
   * was most of a weekly refresh: 1.0 of 2.0 s of a weekly 'stars' at 100,000 subscribers.
   *
   * <p>Takes the write lock only when there is something to replay. The result is read inside a
   * transaction of {@code store}.
   *
   * @param refreshed run when this call changed the stored features (replayed, or wrote empty rows)
   */
  public static FeatureSource current(Store store, EngagementSettings settings, Clock clock, Runnable refreshed) {
    ReplayStates saved = new ReplayStates(store);
    FeatureSource fresh = store.read(tx -> stale(saved, settings) ? null : lastComputed(store, settings));
    if (fresh != null) {
      return fresh;
    }
    FeatureSource out = store.inTransaction(c -> {
      if (!stale(saved, settings)) {
        return null; // another process refreshed them meanwhile
      }
      Timing timing = new Timing();
      ReplayState st = replay(store, settings, clock.millis(), false, ReplayState.CHUNK_BITS, timing).state();
      saved.markFresh(settings.fingerprint());
      if (!LiveFeatures.hasRows(st)) {
        // Nobody has features (nothing sent yet): the rows are written as before (none), so "no features
        // yet" still reads from an empty table.
        FeatureWriter.write(st, new FeatureTables(store), clock.millis());
        saved.markRowsStale(false);
        return new FeatureTables(store);
      }
      saved.markRowsStale(true);
      StarCounts.save(saved, st);
      timing.mark("rows left to the first reader of the table (star counts saved)");
      return new LiveFeatures(st, new FeatureTables(store));
    });
    if (out == null) {
      return store.read(tx -> lastComputed(store, settings));
    }
    refreshed.run();
    return out;
  }

  /**
   * The features of the last refresh without refreshing (for a store that cannot be written now): the
   * rows, or the saved state when the rows lag it. Call it inside a transaction of {@code store}.
   */
  public static FeatureSource lastComputed(Store store, EngagementSettings settings) {
    ReplayStates saved = new ReplayStates(store);
    FeatureTables tables = new FeatureTables(store);
    if (!saved.rowsStale()) {
      return tables;
    }
    Supplier<FeatureSource> resume = () -> {
      ReplayState st = lastState(store, settings);
      return st == null ? tables : new LiveFeatures(st, tables);
    };
    Optional<ReplayStates.Saved> end = saved.load(0);
    StarCounts counts = end.map(e -> StarCounts.load(saved, e)).orElse(null);
    // The stars from the saved counts when there are some; anything else resumes the state when first asked.
    return counts == null ? resume.get() : new SavedFeatures(end.get().asOf(), counts, tables, resume);
  }

  /**
   * The last refresh's features while its rows wait to be written: the stars from the saved star counts,
   * everything else from {@code full} (the saved state, resumed on first use; a tenth of a second at 100,000
   * people that a 'stars' does without).
   */
  private static final class SavedFeatures implements FeatureSource {
    private final long asOf;
    private final StarCounts counts;
    private final FeatureTables tables;
    private final Supplier<FeatureSource> resume;
    private FeatureSource full;

    SavedFeatures(long asOf, StarCounts counts, FeatureTables tables, Supplier<FeatureSource> resume) {
      this.asOf = asOf;
      this.counts = counts;
      this.tables = tables;
      this.resume = resume;
    }

    private FeatureSource full() {
      if (full == null) {
        full = resume.get();
      }
      return full;
    }

    @Override
    public long asOf() {
      return asOf;
    }

    @Override
    public void forEachSubscriber(Consumer<SubscriberFeatures> each) {
      full().forEachSubscriber(each);
    }

    @Override
    public void forEachAccount(Consumer<AccountFeatures> each) {
      full().forEachAccount(each);
    }

    @Override
    public List<Star> stars(StarCriteria criteria, int limit) {
      return counts.stars(criteria, limit, tables);
    }
  }

  /**
   * Writes the feature rows when the last refresh left them to be written (inside the caller's writing
   * transaction); nothing else is replayed, so the rows are those the last refresh computed.
   *
   * @return whether rows were written
   */
  public static boolean writeRowsIfStale(Store store, EngagementSettings settings, long now) {
    if (!new ReplayStates(store).rowsStale()) {
      return false;
    }
    writeRows(store, settings, now);
    return true;
  }

  private static void writeRows(Store store, EngagementSettings settings, long now) {
    ReplayState st = lastState(store, settings);
    if (st == null) {
      // No usable saved state (the settings changed since): a full refresh makes the rows and the state anew.
      refresh(store, settings, now, true);
      return;
    }
    Timing timing = new Timing();
    FeatureWriter.write(st, new FeatureTables(store), now);
    new ReplayStates(store).markRowsStale(false);
    timing.mark("write the features the last refresh computed");
  }

  /**
   * The state the last refresh ended with: slot 0 (saved at the end of the data by every refresh) as of
   * that refresh's time, with the list-level events applied; null when it cannot be resumed.
   */
  private static ReplayState lastState(Store store, EngagementSettings settings) {
    Timing timing = new Timing();
    ReplayStates saved = new ReplayStates(store);
    Optional<ReplayStates.Saved> end = saved.load(0);
    if (end.isEmpty()) {
      return null;
    }
    EventHistory history = new EventHistory(store);
    List<Integer> order = history.campaignsInSendOrder();
    int n = history.maxSubscriberId() + 1;
    ReplayState st = ReplaySnapshot.resume(saved, order, Set.of(), n, settings, end.get().asOf());
    if (st == null || st.turn != end.get().turn()) {
      return null;
    }
    timing.mark("resume the last refresh's state");
    CampaignPass pass = new CampaignPass(st, settings, history.agents());
    try (EventHistory.CampaignScan scan = history.campaignScanAhead(List.of(0))) {
      pass.events(scan, 0, st.turn + 1);
    }
    timing.mark("list-level events");
    return st;
  }

  /**
   * Empties subscriber {@code subscriberId}'s slot in the saved replay states (an erasure), inside the
   * caller's writing transaction; the next refresh resumes from them as usual.
   */
  public static void forget(Store store, int subscriberId) {
    ReplayStates saved = new ReplayStates(store);
    ReplaySnapshot.forget(saved, subscriberId);
    saved.clearStarCounts(); // they hold the person's counts under an id a later person may get
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
    ReplayStates saved = new ReplayStates(store);
    Replayed r = replay(store, settings, now, forceFull, chunkBits, timing);
    FeatureWriter.write(r.state(), new FeatureTables(store), now);
    timing.mark("write features");
    saved.markFresh(settings.fingerprint());
    saved.markRowsStale(false);
    return r.campaigns();
  }

  /** A replay's end state, and how many campaigns it replayed to get there. */
  private record Replayed(ReplayState state, int campaigns) {
  }

  /**
   * Brings a replay state up to the end of the data, inside the caller's writing transaction: resumed
   * from a saved one when the imports since touched only campaigns after it, else from nothing, saving
   * the snapshots and each replayed campaign's openers on the way; then the list-level events.
   */
  private static Replayed replay(Store store, EngagementSettings settings, long now, boolean forceFull, int chunkBits,
      Timing timing) {
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
    return new Replayed(st, order.size() - from);
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
