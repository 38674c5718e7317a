package dev.starling.engine.features;

import java.util.List;

/**
 * One subscriber's engagement, as stored in {@code subscriber_features} and handed to the rules
 * (names and meanings: docs/engagement.md and the rules module's standard feature schema).
 */
public record SubscriberFeatures(
    String email,
    String domain,
    String company,
    String account,
    int received,
    int delivered,
    int campaignsOpened,
    int humanOpens,
    int machineOpens,
    int humanClicks,
    int machineClicks,
    int lastN,
    int lastNOpened,
    int streak,
    int recentMisses,
    long lastHumanAt,
    long firstHumanAt,
    double score,
    double trend,
    int starTier,
    boolean wasStar,
    boolean dormantBefore,
    String confidence,
    String status,
    String state,
    List<String> clickedUrls,
    int highIntentClicks,
    List<String> highIntentPages,
    long asOf) {

  public double openRatio() {
    return received == 0 ? 0 : (double) campaignsOpened / received;
  }

  /** Whole days from the last human open or click to the features' as-of time, or -1 if never. */
  public int daysSinceHumanActivity() {
    return lastHumanAt == 0 ? -1 : (int) ((asOf - lastHumanAt) / 86_400_000L);
  }
}
