package dev.starling.engine.features;

import java.util.List;

/**
 * One subscriber's engagement, as stored in {@code subscriber_features} and handed to the rules
 * (names and meanings: docs/engagement.md and the rules module's standard feature schema).
 *
 * <p>This record is the one definition of the {@code subscriber_features} row: the store derives its
 * columns, binding and reading from the components, in order (a component {@code fooBar} is the column
 * {@code foo_bar}; {@code email}, {@code domain} and {@code company} come from the subscriber).
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
    Confidence confidence,
    SubscriberStatus status,
    EngagementState state,
    List<String> clickedUrls,
    int highIntentClicks,
    List<String> highIntentPages,
    long asOf) {

  /** A person who has left the list (status other than active) is {@link EngagementState#UNREACHABLE}, whatever they opened. */
  public SubscriberFeatures {
    if (status != SubscriberStatus.ACTIVE) {
      state = EngagementState.UNREACHABLE;
    }
  }

  /** The same features with another engagement state. */
  public SubscriberFeatures withState(EngagementState newState) {
    return new SubscriberFeatures(email, domain, company, account, received, delivered, campaignsOpened, humanOpens,
        machineOpens, humanClicks, machineClicks, lastN, lastNOpened, streak, recentMisses, lastHumanAt, firstHumanAt,
        score, trend, starTier, wasStar, dormantBefore, confidence, status, newState, clickedUrls, highIntentClicks,
        highIntentPages, asOf);
  }

  public double openRatio() {
    return received == 0 ? 0 : (double) campaignsOpened / received;
  }

  /** Whole days from the last human open or click to the features' as-of time, or -1 if never. */
  public int daysSinceHumanActivity() {
    return lastHumanAt == 0 ? -1 : (int) ((asOf - lastHumanAt) / 86_400_000L);
  }
}
