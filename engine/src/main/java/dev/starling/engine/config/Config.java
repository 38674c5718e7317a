package dev.starling.engine.config;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;

/**
 * Everything the configuration file sets; {@link #DEFAULTS} when there is no file.
 *
 * @param rulesFile the rules file, relative to the data directory, or {@code null} for the built-in pack
 * @param output how results are shown (language, time zone, CSV style)
 */
public record Config(StarCriteria stars, EngagementSettings engagement, String rulesFile, OutputSettings output) {
  public static final Config DEFAULTS =
      new Config(StarCriteria.DEFAULTS, EngagementSettings.DEFAULTS, null, OutputSettings.DEFAULTS);

  public Config {
    java.util.Objects.requireNonNull(output, "output");
  }

  public Config(StarCriteria stars, EngagementSettings engagement, String rulesFile) {
    this(stars, engagement, rulesFile, OutputSettings.DEFAULTS);
  }

  public Config(StarCriteria stars, EngagementSettings engagement) {
    this(stars, engagement, null);
  }
}
