package dev.starling.engine.config;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;

/**
 * Everything the configuration file sets; {@link #DEFAULTS} when there is no file.
 *
 * @param rulesFile the rules file, relative to the data directory, or {@code null} for the built-in pack
 */
public record Config(StarCriteria stars, EngagementSettings engagement, String rulesFile) {
  public static final Config DEFAULTS = new Config(StarCriteria.DEFAULTS, EngagementSettings.DEFAULTS, null);

  public Config(StarCriteria stars, EngagementSettings engagement) {
    this(stars, engagement, null);
  }
}
