package dev.starling.engine.features;

import java.util.List;
import java.util.function.Consumer;

/**
 * The features as a command reads them: the stored rows ({@code FeatureTables}) or, when a refresh left
 * the rows to be written later, the replay's state itself ({@code LiveFeatures}). Both give the same
 * values; the second skips writing a row per subscriber, which was most of a weekly refresh.
 */
public interface FeatureSource {
  /** The time the features are computed as of (UTC ms), 0 when there are none. */
  long asOf();

  /** Every subscriber's features, one at a time, with the address. */
  void forEachSubscriber(Consumer<SubscriberFeatures> each);

  /** Every account's features. */
  void forEachAccount(Consumer<AccountFeatures> each);

  /**
   * Stars under {@code criteria}, best first (highest ratio, then most campaigns opened, then address).
   *
   * @param limit at most this many, or all when {@code <= 0}
   */
  List<Star> stars(StarCriteria criteria, int limit);
}
