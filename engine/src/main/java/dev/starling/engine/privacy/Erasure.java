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
 * address is unknown nothing is erased. Then proves it: the write-ahead log is emptied and every byte
 * of the store's files is searched for the addresses. Secure deletion zeroed what the erasure deleted,
 * but a copy of a row that was moved or rewritten before (an import updating a person, a page split)
 * may survive in a page's free space; only then is the whole file rebuilt (VACUUM, as long as copying
 * the store) and searched again. A weekly store erasing one person usually needs no rebuild.
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
   * @param rebuilt whether a stale copy was found and the store file rebuilt
   * @param traces the store files that still contain an address after all that: empty, unless another
   *     process reading the store kept old pages in the write-ahead log (they go at its next checkpoint),
   *     or another stored address contains an erased one (the search cannot tell them apart)
   */
  public record Result(List<Outcome> outcomes, boolean rebuilt, List<java.nio.file.Path> traces, double seconds) {
    public Result {
      outcomes = List.copyOf(outcomes);
      traces = List.copyOf(traces);
    }
  }

  /**
   * Erases each of {@code emails} (normalised) and keeps only the salted hash of each, with the time and
   * {@code by}.
   *
   * @param unknown the error for an address the store has no trace of (it may suggest close matches)
   * @param afterErase runs for each address once the erasure committed, before the search for traces (the
   *     index and the caches drop the person there)
   * @throws StarlingException for an address with no trace in the store, or one forgotten before
   */
  public Result forget(List<String> emails, String by, Function<String, StarlingException> unknown,
      java.util.function.Consumer<String> afterErase) {
    long start = System.nanoTime();
    Forgetting forgetting = new Forgetting(store);
    FeatureTables features = new FeatureTables(store);
    List<Outcome> outcomes;
    try {
      outcomes = store.inErasingTransaction(tx -> {
        List<Outcome> out = new ArrayList<>();
        for (String email : emails) {
          Forgetting.Erased erased = forgetting.erase(email);
          if (erased.total() == 0) {
            throw new NoTrace(email, forgetting.forgotten(email).orElse(null));
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
    } catch (NoTrace e) {
      // Made after the rollback: the message may read the store (close matches), which must not run
      // inside the erasing transaction.
      throw e.earlier == null ? unknown.apply(e.email) : new StarlingException(e.email + " was already forgotten on "
          + Instant.ofEpochMilli(e.earlier.at()) + "; nothing of it is left in the store");
    }
    outcomes.forEach(o -> afterErase.accept(o.email()));
    List<String> addresses = outcomes.stream().map(Outcome::email).toList();
    store.checkpoint();
    List<java.nio.file.Path> traces = store.filesContaining(addresses);
    boolean rebuilt = !traces.isEmpty();
    if (rebuilt) {
      store.rebuild();
      traces = store.filesContaining(addresses);
    }
    return new Result(outcomes, rebuilt, traces, (System.nanoTime() - start) / 1e9);
  }

  /** An address with no trace in the store: rolls the erasure back, then becomes the user's error. */
  private static final class NoTrace extends RuntimeException {
    final String email;
    final Forgetting.Forgotten earlier;

    NoTrace(String email, Forgetting.Forgotten earlier) {
      super(email, null, false, false);
      this.email = email;
      this.earlier = earlier;
    }
  }
}
