package dev.starling.engine.features;

/**
 * Who counts as a star subscriber: received at least {@code minCampaigns} campaigns and human-opened
 * at least {@code minRatio} of them (distinct campaigns, machine opens never count).
 */
public record StarCriteria(int minCampaigns, double minRatio) {
  public static final StarCriteria DEFAULTS = new StarCriteria(5, 0.9);

  public StarCriteria {
    if (minCampaigns < 1) {
      throw new IllegalArgumentException("min-campaigns must be at least 1 but was " + minCampaigns);
    }
    if (!(minRatio > 0 && minRatio <= 1)) {
      throw new IllegalArgumentException("min-ratio must be in (0, 1] but was " + minRatio);
    }
  }
}
