/**
 * Engagement per subscriber and per account, without SQL. {@link dev.starling.engine.features.OpenClassifier}
 * and {@link dev.starling.engine.features.ClickClassifier} tell human opens and clicks from machine ones
 * with a reason code; {@link dev.starling.engine.features.FeatureReplay} replays the store campaign by
 * campaign (reading through the store's {@code EventHistory}, resuming from saved states) into
 * {@link dev.starling.engine.features.SubscriberFeatures} and
 * {@link dev.starling.engine.features.AccountFeatures}, kept in the store's {@code FeatureTables};
 * {@link dev.starling.engine.features.StarCriteria} says who is a {@link dev.starling.engine.features.Star}.
 * Closed sets are enums with their stored codes: {@link dev.starling.engine.features.SubscriberStatus},
 * {@link dev.starling.engine.features.EngagementState}, {@link dev.starling.engine.features.Confidence}.
 * {@link dev.starling.engine.features.EngagementSettings} holds the thresholds (see docs/engagement.md).
 */
package dev.starling.engine.features;
