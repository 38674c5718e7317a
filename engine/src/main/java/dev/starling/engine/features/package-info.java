/**
 * Engagement per subscriber and per account: the values and the pure logic, with no SQL and no use of
 * the store. {@link dev.starling.engine.features.OpenClassifier} and
 * {@link dev.starling.engine.features.ClickClassifier} tell human opens and clicks from machine ones
 * with a reason code; {@link dev.starling.engine.features.SubscriberFeatures} and
 * {@link dev.starling.engine.features.AccountFeatures} are the computed features, kept in the store's
 * {@code FeatureTables}; {@link dev.starling.engine.features.StarCriteria} says who is a
 * {@link dev.starling.engine.features.Star}. Closed sets are enums with their stored codes:
 * {@link dev.starling.engine.features.SubscriberStatus}, {@link dev.starling.engine.features.EngagementState},
 * {@link dev.starling.engine.features.Confidence}. {@link dev.starling.engine.features.EngagementSettings}
 * holds the thresholds (see docs/engagement.md). The job that computes the features against the store
 * is in {@code features.replay}; the store depends on this package, never the reverse.
 */
package dev.starling.engine.features;
