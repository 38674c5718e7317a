package dev.starling.engine.features.replay;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.FeatureSource;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.store.FeatureTables;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The features of a finished replay state, computed as they are read instead of read from the stored
 * rows: what {@code stars} and {@code leads} use after a refresh that left the rows to be written later
 * (see {@link FeatureReplay#current}). Each pass computes every subscriber's row the way the writer
 * does ({@link FeatureWriter#each}), so the values are the stored rows' to the bit.
 *
 * <p>Read it inside a transaction of the store it came from: a pass reads the subscribers table.
 */
public final class LiveFeatures implements FeatureSource {
  private final ReplayState st;
  private final FeatureTables tables;
  private List<AccountFeatures> accounts;

  LiveFeatures(ReplayState st, FeatureTables tables) {
    this.st = st;
    this.tables = tables;
  }

  /** Whether any subscriber of {@code st} has a feature row (was sent something, or left the list). */
  static boolean hasRows(ReplayState st) {
    for (int s = 0; s < st.seen.length; s++) {
      if (st.seen[s] || st.status[s] != ReplayState.ACTIVE) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long asOf() {
    return st.asOf;
  }

  @Override
  public void forEachSubscriber(Consumer<SubscriberFeatures> each) {
    List<AccountFeatures> found = new ArrayList<>();
    FeatureWriter.each(st, tables, true, new FeatureWriter.Rows() {
      @Override
      public void subscriber(int id, SubscriberFeatures f) {
        each.accept(f);
      }

      @Override
      public void account(AccountFeatures a) {
        found.add(a);
      }
    });
    accounts = found; // the same pass made them: a forEachAccount after it costs nothing
  }

  @Override
  public void forEachAccount(Consumer<AccountFeatures> each) {
    if (accounts == null) {
      forEachSubscriber(f -> {});
    }
    accounts.forEach(each);
  }

  @Override
  public List<Star> stars(StarCriteria criteria, int limit) {
    // Two of the state's counts pick the stars, which the list's own statuses do not change; a pass over
    // every subscriber and every row (as the writer makes them) cost 0.3 s at 100,000.
    return StarCounts.of(st).stars(criteria, limit, tables);
  }

  /** SQLite's text order (its BINARY collation compares UTF-8 bytes, which is code point order). */
  static int codePointOrder(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
