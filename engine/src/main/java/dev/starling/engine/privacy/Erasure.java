package dev.starling.engine.privacy;

import dev.starling.engine.error.StarlingException;
import dev.starling.engine.features.replay.FeatureReplay;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.Forgetting;
import dev.starling.engine.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Erases people on request (the right to be forgotten), all of them in one transaction: if one
 * address is unknown nothing is erased. Then compacts the store, once for the whole batch, since that
 * rewrites the file.
 */
public final class Erasure {
  private final Store store;
  private final Clock clock;

  public Erasure(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** What was erased for one address. */
  public record Outcome(String email, Forgetting.Erased erased) {}

  /**
   * @param compacted false when another process reading the store kept its write-ahead log from being
   *     emptied (it is emptied at that process's next checkpoint)
   */
  public record Result(List<Outcome> outcomes, boolean compacted, double seconds) {
    public Result {
      outcomes = List.copyOf(outcomes);
    }
  }

  /**
   * Erases each of {@code emails} (normalised) and keeps only the salted hash of each, with the time and
   * {@code by}.
   *
   * @param unknown the error for an address the store has no trace of (it may suggest close matches)
   * @param afterErase runs for each address once the erasure committed, before the compaction (the
   *     index and the caches drop the person there)
   * @throws StarlingException for an address with no trace in the store, or one forgotten before
   */
  public Result forget(List<String> emails, String by, Function<String, StarlingException> unknown,
      java.util.function.Consumer<String> afterErase) {
    long start = System.nanoTime();
    Forgetting forgetting = new Forgetting(store);
    FeatureTables features = new FeatureTables(store);
    List<Outcome> outcomes = store.inErasingTransaction(tx -> {
      List<Outcome> out = new ArrayList<>();
      for (String email : emails) {
        Forgetting.Erased erased = forgetting.erase(email);
        if (erased.total() == 0) {
          throw forgetting.forgotten(email)
              .map(f -> new StarlingException(email + " was already forgotten on " + Instant.ofEpochMilli(f.at())
                  + "; nothing of it is left in the store"))
              .orElseGet(() -> unknown.apply(email));
        }
        if (erased.subscriberId() > 0) {
          FeatureReplay.forget(store, erased.subscriberId());
        }
        if (erased.account() != null) {
          features.recountAccount(erased.account());
        }
        forgetting.record(email, clock.millis(), by, erased.total());
        out.add(new Outcome(email, erased));
      }
      return out;
    });
    outcomes.forEach(o -> afterErase.accept(o.email()));
    boolean compacted = store.compact();
    return new Result(outcomes, compacted, (System.nanoTime() - start) / 1e9);
  }
}
