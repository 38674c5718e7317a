package dev.starling.engine.features;

import java.util.Locale;

/**
 * Where a subscriber stands with the list, worst last: once a person complained, bounced hard or
 * unsubscribed, a later open never makes them active again (the replay only ever raises it).
 * Stored, and handed to the rules, as {@link #code()}.
 */
public enum SubscriberStatus {
  ACTIVE,
  UNSUBSCRIBED,
  HARD_BOUNCED,
  COMPLAINED;

  /** Computed once: the rules read it for every subscriber. */
  private final String code = name().toLowerCase(Locale.ROOT);

  /** {@code active}, {@code unsubscribed}, {@code hard_bounced}, {@code complained}. */
  public String code() {
    return code;
  }
}
