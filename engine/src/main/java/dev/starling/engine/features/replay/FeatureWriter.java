package dev.starling.engine.features.replay;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.AccountTally;
import dev.starling.engine.features.Accounts;
import dev.starling.engine.features.Confidence;
import dev.starling.engine.features.EngagementState;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.SubscriberStatus;
import dev.starling.engine.store.FeatureTables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a finished replay state into feature rows: each subscriber's {@link SubscriberFeatures} (tier,
 * confidence, state and the rest derived from the running counts) and each account's totals, written
 * through {@link FeatureTables} in place of the previous ones.
 */
final class FeatureWriter {
  private static final SubscriberStatus[] STATUSES = SubscriberStatus.values();
  private static final long NEW_FOR = 30 * FeatureReplay.DAY;

  private FeatureWriter() {}

  /**
   * Replaces every feature row with those of {@code st}, stamped {@code now}, applying on the way the
   * list's own unsubscribes and suppressions.
   */
  static void write(ReplayState st, FeatureTables tables, long now) {
    try (FeatureTables.Writer out = tables.replaceAll(now)) {
      each(st, tables, false, new Rows() {
        @Override
        public void subscriber(int id, SubscriberFeatures f) {
          out.subscriber(id, f);
        }

        @Override
        public void account(AccountFeatures a) {
          out.account(a);
        }
      });
    }
  }

  /** Where {@link #each} puts the rows. */
  interface Rows {
    void subscriber(int id, SubscriberFeatures f);

    void account(AccountFeatures a);
  }

  /**
   * Every feature row of {@code st} (subscribers in id order, then accounts), applying the list's own
   * unsubscribes and suppressions on the way: the rows {@link #write} stores and {@link LiveFeatures} reads.
   *
   * @param withEmail whether the subscribers' rows carry their address (the table does not store it)
   */
  static void each(ReplayState st, FeatureTables tables, boolean withEmail, Rows sink) {
    Map<String, AccountTally> accounts = new HashMap<>();
    tables.forEachSubscriberOnFile(withEmail, (s, email, domain, company, createdAt, listStatus) -> {
      if (s >= st.seen.length) {
        return;
      }
      if (listStatus != FeatureTables.ListStatus.ON_LIST) {
        // Applied on every refresh, after the saved states (it only ever raises a status).
        st.listRemoved(s, listStatus == FeatureTables.ListStatus.CLEANED);
      }
      if (!st.seen[s] && st.status[s] == ReplayState.ACTIVE) {
        return;
      }
      String account = Accounts.keyOf(company, domain);
      SubscriberFeatures f = features(st, s, email, domain, company, account);
      if (f.received() < 3 && createdAt != 0 && f.state() == EngagementState.UNKNOWN && st.asOf - createdAt <= NEW_FOR) {
        f = f.withState(EngagementState.NEW); // joined within 30 days: too early to judge, and not "unknown"
      }
      sink.subscriber(s, f);
      if (account != null) {
        accounts.computeIfAbsent(account, k -> new AccountTally()).add(f, st.asOf);
      }
    });
    // In name order, as the table gives them back (SQLite's order: by code point).
    java.util.TreeMap<String, AccountTally> byName = new java.util.TreeMap<>(LiveFeatures::codePointOrder);
    byName.putAll(accounts);
    byName.forEach((name, a) -> sink.account(a.features(name)));
  }

  static SubscriberFeatures features(ReplayState st, int s, String email, String domain, String company, String account) {
    int r = st.received[s];
    int lastN = Math.min(r, FeatureReplay.WINDOW);
    int lastNOpened = Long.bitCount(st.history[s] & mask(lastN));
    int recentN = Math.min(r, FeatureReplay.TREND_WINDOW);
    int prevN = Math.min(r - recentN, FeatureReplay.TREND_WINDOW);
    double trend = prevN == 0 ? 0
        : (double) Long.bitCount(st.history[s] & mask(recentN)) / recentN
            - (double) Long.bitCount((st.history[s] >>> recentN) & mask(prevN)) / prevN;
    double ratio = r == 0 ? 0 : (double) st.opened[s] / r;
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
    int opens = st.humanOpens[s] + st.machineOpens[s];
    Confidence confidence;
    if (st.humanOpens[s] == 0 && st.humanClicks[s] > 0) {
      confidence = Confidence.LOW; // reads only through a proxy, yet clicks: engaged, but the opens say nothing
    } else if (opens == 0 || (double) st.machineOpens[s] / opens < 0.25) {
      confidence = Confidence.HIGH;
    } else {
      confidence = (double) st.machineOpens[s] / opens < 0.75 ? Confidence.MEDIUM : Confidence.LOW;
    }
    EngagementState state;
    if (r < 3) {
      state = EngagementState.UNKNOWN; // too few sends to judge; write() makes it NEW for people who joined recently
    } else if (st.misses[s] >= st.settings.dormancyCampaigns()) {
      state = EngagementState.DORMANT;
    } else if (recentRate >= 0.5) {
      state = EngagementState.ENGAGED;
    } else {
      state = EngagementState.ACTIVE;
    }
    return new SubscriberFeatures(email, domain, company, account, r, st.delivered[s], st.opened[s], st.humanOpens[s],
        st.machineOpens[s], st.humanClicks[s], st.machineClicks[s], lastN, lastNOpened, st.streak[s], st.misses[s], st.lastHuman[s],
        st.firstHuman[s], st.score(s), trend, tier, st.wasStar[s], st.dormantBefore[s], confidence, STATUSES[st.status[s]], state,
        urls(st, s), st.highIntent[s], pages(st, s), st.asOf);
  }

  private static List<String> urls(ReplayState st, int s) {
    int[] ids = st.urls[s];
    if (ids == null) {
      return List.of();
    }
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = st.urlNames.text(ids[i]);
    }
    return List.of(out);
  }

  private static List<String> pages(ReplayState st, int s) {
    int[] ids = st.pages[s];
    if (ids == null) {
      return List.of();
    }
    String[] out = new String[ids.length];
    for (int i = 0; i < ids.length; i++) {
      out[i] = st.settings.highIntentPatterns().get(ids[i]);
    }
    return List.of(out);
  }

  static long mask(int bits) {
    return bits >= 64 ? -1L : (1L << bits) - 1;
  }
}
