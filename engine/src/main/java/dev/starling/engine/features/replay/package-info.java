/**
 * The feature replay, the job that computes engagement against the store.
 * {@link dev.starling.engine.features.replay.FeatureReplay} replays the store campaign by campaign
 * (reading through the store's {@code EventHistory}, resuming from the states kept in
 * {@code ReplayStates}): {@link dev.starling.engine.features.replay.CampaignPass} classifies one
 * campaign's rows into the {@link dev.starling.engine.features.replay.ReplayState},
 * {@link dev.starling.engine.features.replay.ReplaySnapshot} saves and restores that state, and
 * {@link dev.starling.engine.features.replay.FeatureWriter} turns it into feature rows in the store's
 * {@code FeatureTables}. {@link dev.starling.engine.features.replay.ClassifiedEvents} gives one person's
 * opens and clicks with their verdicts, for {@code starling explain}. It is apart from
 * {@code features} so that the store can use those values without a package cycle.
 */
package dev.starling.engine.features.replay;
