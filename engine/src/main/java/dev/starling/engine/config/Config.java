package dev.starling.engine.config;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.store.SoftBounceLimit;

/**
 * Everything the configuration file sets; {@link #DEFAULTS} when there is no file.
 *
 * @param rulesFile the rules file, relative to the data directory, or {@code null} for the built-in pack
 * @param output how results are shown (language, time zone, CSV style)
 * @param softBounceLimit when repeated soft bounces suppress a person ({@code bounces:})
 */
public record Config(StarCriteria stars, EngagementSettings engagement, String rulesFile, OutputSettings output,
    SoftBounceLimit softBounceLimit) {
  public static final Config DEFAULTS =
      new Config(StarCriteria.DEFAULTS, EngagementSettings.DEFAULTS, null, OutputSettings.DEFAULTS);

  public Config {
    java.util.Objects.requireNonNull(output, "output");
    java.util.Objects.requireNonNull(softBounceLimit, "softBounceLimit");
  }

  public Config(StarCriteria stars, EngagementSettings engagement, String rulesFile, OutputSettings output) {
    this(stars, engagement, rulesFile, output, SoftBounceLimit.DEFAULT);
  }

  public Config(StarCriteria stars, EngagementSettings engagement, String rulesFile) {
    this(stars, engagement, rulesFile, OutputSettings.DEFAULTS);
  }

  public Config(StarCriteria stars, EngagementSettings engagement) {
    this(stars, engagement, null);
  }
}
