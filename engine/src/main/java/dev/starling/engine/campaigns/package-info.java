/**
 * Campaign performance, computed once for every output. {@link dev.starling.engine.campaigns.CampaignFigures}
 * walks the campaigns in send order, reading each one's facts through the store's
 * {@link dev.starling.engine.store.CampaignStats} and classifying its opens and clicks with the feature
 * replay's own classifiers; {@link dev.starling.engine.campaigns.CampaignReport} turns the result into
 * the {@code campaigns}, {@code periods} and {@code links} tables, and
 * {@link dev.starling.engine.campaigns.KeyFigures} into the {@code summary} table. Periods
 * ({@link dev.starling.engine.campaigns.Period}) are calendar months, quarters or years in the report's
 * time zone: a campaign sent at 23:30 UTC on 31 March belongs to April in Madrid.
 */
package dev.starling.engine.campaigns;
