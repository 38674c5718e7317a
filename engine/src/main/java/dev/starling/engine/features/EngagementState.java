package dev.starling.engine.features;

import java.util.Locale;

/**
 * A subscriber's engagement in one word, from the last
 * {@value dev.starling.engine.features.replay.FeatureReplay#WINDOW} campaigns received (docs/engagement.md). Stored, and handed to the rules, as {@link #code()}.
 */
public enum EngagementState {
  /** Fewer than three campaigns received: too few to judge. */
  UNKNOWN,
  /** Too few campaigns to judge, and joined within the last 30 days. */
  NEW,
  /** Missed the last {@code dormancy_campaigns} campaigns in a row. */
  DORMANT,
  /** Opened at least half of the recent campaigns. */
  ENGAGED,
  /** Receiving, opening now and then: less than half of the recent campaigns. */
  ACTIVE,
  /**
   * No longer receives newsletters: unsubscribed, bounced hard or complained ({@link SubscriberStatus}
   * says which). Whatever they opened before, they are not engaged: sales cannot reach them this way.
   */
  UNREACHABLE;

  /** Computed once: the rules read it for every subscriber. */
  private final String code = name().toLowerCase(Locale.ROOT);

  public String code() {
    return code;
  }

  /** Counts towards an account's engaged people. */
  public boolean engaged() {
    return this == ENGAGED || this == ACTIVE;
  }
}
