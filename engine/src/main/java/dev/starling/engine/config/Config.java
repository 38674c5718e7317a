package dev.starling.engine.config;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;

/** Everything the configuration file sets; {@link #DEFAULTS} when there is no file. */
public record Config(StarCriteria stars, EngagementSettings engagement) {
  public static final Config DEFAULTS = new Config(StarCriteria.DEFAULTS, EngagementSettings.DEFAULTS);
}
