package dev.starling.connectors;

import java.util.Locale;

/**
 * The class of a bounce, which decides what it does to the person: a {@code HARD} bounce (the address or
 * its domain does not exist, or moved) ends the address at once; {@code SOFT} ones (mailbox full, over
 * quota, temporary trouble, message too large, expired in the queue) suppress only when they repeat; a
 * {@code BLOCK} (policy, spam or content filter, reputation, the sender's authentication, rate limits) is
 * the sender's problem and never suppresses the person. {@code bounce.BounceRules} decides which from the
 * status and the diagnostic.
 */
public enum BounceKind {
  HARD,
  SOFT,
  BLOCK;

  /** Parses "hard"/"soft"/"block" and the usual synonyms ("permanent", "transient", "temporary", "blocked"). */
  public static BounceKind parse(String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "hard", "permanent", "hardbounce" -> HARD;
      case "soft", "transient", "temporary", "softbounce" -> SOFT;
      case "block", "blocked", "policy" -> BLOCK;
      default -> throw new IllegalArgumentException("bounce_type must be hard, soft or block but was '" + raw + "'");
    };
  }
}
