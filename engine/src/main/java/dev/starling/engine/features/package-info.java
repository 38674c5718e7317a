/**
 * Engagement per subscriber. {@link dev.starling.engine.features.OpenClassifier} tells human opens from
 * machine opens with a reason code; {@link dev.starling.engine.features.FeatureReplay} replays the store
 * campaign by campaign into {@code subscriber_features}; {@link dev.starling.engine.features.StarQuery}
 * lists the star subscribers under {@link dev.starling.engine.features.StarCriteria}.
 * {@link dev.starling.engine.features.EngagementSettings} holds the thresholds (see docs/engagement.md).
 */
package dev.starling.engine.features;
