package dev.starling.engine.features;

import java.util.List;
import java.util.Locale;

/**
 * The thresholds of the engagement model, set in {@code starling.yaml} (see docs/engagement.md).
 *
 * @param prefetchSeconds an open this soon after delivery is a machine pre-fetch, whatever its agent
 * @param proxyWindowSeconds an open with the bare privacy-proxy agent this soon after delivery is a
 *     machine open even from outside Apple's network (some Outlook builds send the same bare agent,
 *     hours later, and those are people)
 * @param scannerClickSeconds a click this soon after delivery is a security scanner following links
 * @param burstClicks this many distinct links of one message clicked ...
 * @param burstSeconds ... within this many seconds is a scanner's burst
 * @param halfLifeDays the engagement score halves over this many days
 * @param openWeight score of one human open
 * @param clickWeight score of one human click
 * @param dormancyCampaigns a run of this many received campaigns without a human open is dormancy
 * @param highIntentPatterns URL path segments that show buying intent ({@code pricing} matches
 *     {@code /pricing} and {@code /en/pricing?x}, not {@code /blog/pricing-tips}): the one definition
 *     of high intent, which the rules read as {@code high_intent_clicks} and {@code high_intent_pages};
 *     English and Spanish page names by default
 */
public record EngagementSettings(
    int prefetchSeconds,
    int proxyWindowSeconds,
    int scannerClickSeconds,
    int burstClicks,
    int burstSeconds,
    double halfLifeDays,
    double openWeight,
    double clickWeight,
    int dormancyCampaigns,
    List<String> highIntentPatterns) {

  public static final EngagementSettings DEFAULTS =
      new EngagementSettings(10, 120, 30, 3, 2, 30, 1, 3, 6, List.of("pricing", "demo", "contact", "quote", "trial",
          "precios", "tarifas", "contacto", "presupuesto", "prueba"));

  public EngagementSettings {
    nonNegative("prefetch-seconds", prefetchSeconds);
    nonNegative("proxy-window-seconds", proxyWindowSeconds);
    nonNegative("scanner-click-seconds", scannerClickSeconds);
    if (burstClicks < 2) {
      throw new IllegalArgumentException("burst-clicks must be at least 2 but was " + burstClicks);
    }
    nonNegative("burst-seconds", burstSeconds);
    if (!(halfLifeDays > 0)) {
      throw new IllegalArgumentException("half-life-days must be > 0 but was " + halfLifeDays);
    }
    if (openWeight < 0 || clickWeight < 0) {
      throw new IllegalArgumentException("open-weight and click-weight must be >= 0 but were " + openWeight + ", " + clickWeight);
    }
    if (dormancyCampaigns < 1) {
      throw new IllegalArgumentException("dormancy-campaigns must be at least 1 but was " + dormancyCampaigns);
    }
    highIntentPatterns = highIntentPatterns.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
  }

  /** The defaults with other machine-open windows: for tests and the common tweak. */
  public EngagementSettings withOpenWindows(int prefetch, int proxyWindow) {
    return new EngagementSettings(prefetch, proxyWindow, scannerClickSeconds, burstClicks, burstSeconds, halfLifeDays,
        openWeight, clickWeight, dormancyCampaigns, highIntentPatterns);
  }

  private static void nonNegative(String name, int v) {
    if (v < 0) {
      throw new IllegalArgumentException(name + " must be >= 0 but was " + v);
    }
  }

  /**
   * A stable text form, stored with the features so a change of settings triggers a recompute: the text
   * {@link #toString()} gives (what every store holds), written out because a record's {@code toString} is
   * assembled from method handles at its first call, which cost 40 ms of every warm {@code starling stars}
   * (it checks that the features are fresh). {@code EngagementSettingsTest} keeps the two equal.
   */
  public String fingerprint() {
    return new StringBuilder("EngagementSettings[")
        .append("prefetchSeconds=").append(prefetchSeconds)
        .append(", proxyWindowSeconds=").append(proxyWindowSeconds)
        .append(", scannerClickSeconds=").append(scannerClickSeconds)
        .append(", burstClicks=").append(burstClicks)
        .append(", burstSeconds=").append(burstSeconds)
        .append(", halfLifeDays=").append(halfLifeDays)
        .append(", openWeight=").append(openWeight)
        .append(", clickWeight=").append(clickWeight)
        .append(", dormancyCampaigns=").append(dormancyCampaigns)
        .append(", highIntentPatterns=").append(highIntentPatterns)
        .append(']').toString();
  }
}
