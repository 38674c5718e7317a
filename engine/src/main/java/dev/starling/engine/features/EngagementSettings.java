package dev.starling.engine.features;

/**
 * The thresholds of the machine-open classification.
 *
 * @param prefetchSeconds an open this soon after delivery is a machine pre-fetch, whatever its agent
 * @param proxyWindowSeconds an open with the bare privacy-proxy agent this soon after delivery is a
 *     machine open even from outside Apple's network (some Outlook builds send the same bare agent,
 *     hours later, and those are people)
 */
public record EngagementSettings(int prefetchSeconds, int proxyWindowSeconds) {
  public static final EngagementSettings DEFAULTS = new EngagementSettings(10, 120);

  public EngagementSettings {
    if (prefetchSeconds < 0) {
      throw new IllegalArgumentException("prefetch-seconds must be >= 0 but was " + prefetchSeconds);
    }
    if (proxyWindowSeconds < 0) {
      throw new IllegalArgumentException("proxy-window-seconds must be >= 0 but was " + proxyWindowSeconds);
    }
  }

  /** A stable text form, stored with the features so a change of settings triggers a recompute. */
  String fingerprint() {
    return "prefetch=" + prefetchSeconds + ";proxy=" + proxyWindowSeconds;
  }
}
