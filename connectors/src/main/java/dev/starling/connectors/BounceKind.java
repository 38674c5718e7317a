package dev.starling.connectors;

import java.util.Locale;

/** Hard bounces end an address; soft ones are temporary (mailbox full, greylisting, blocks). */
public enum BounceKind {
  HARD,
  SOFT;

  /** Parses "hard"/"soft" and the usual synonyms ("permanent", "transient", "temporary"). */
  public static BounceKind parse(String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "hard", "permanent", "hardbounce" -> HARD;
      case "soft", "transient", "temporary", "softbounce" -> SOFT;
      default -> throw new IllegalArgumentException("bounce_type must be hard or soft but was '" + raw + "'");
    };
  }
}
