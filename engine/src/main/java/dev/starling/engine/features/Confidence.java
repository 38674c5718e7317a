package dev.starling.engine.features;

import java.util.Locale;

/**
 * How far a subscriber's open figures can be trusted: low when most opens are machine opens (privacy
 * proxies, scanners), or when the person clicks but every open came through a proxy. Stored, and handed
 * to the rules, as {@link #code()}.
 */
public enum Confidence {
  HIGH,
  MEDIUM,
  LOW;

  /** Computed once: the rules read it for every subscriber. */
  private final String code = name().toLowerCase(Locale.ROOT);

  public String code() {
    return code;
  }
}
