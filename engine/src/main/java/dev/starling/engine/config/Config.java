package dev.starling.engine.config;

import dev.starling.connectors.ReadLimits;
import dev.starling.engine.digest.DigestSettings;
import dev.starling.engine.digest.SmtpSettings;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.store.SoftBounceLimit;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the configuration file sets; {@link #DEFAULTS} when there is no file.
 *
 * @param rulesFile the rules file, relative to the data directory, or {@code null} for the built-in pack
 * @param output how results are shown (language, time zone, CSV style)
 * @param softBounceLimit when repeated soft bounces suppress a person ({@code bounces:})
 * @param digest who gets the weekly digest, or {@code null} when the file has no {@code digest:} section
 * @param smtp how the digest is sent, or {@code null} when the file has no {@code smtp:} section
 * @param schedule when {@code starling serve} runs the weekly cycle
 * @param leads the rejection reasons and the agreed response time ({@code leads:})
 * @param limits what one imported file may cost to read ({@code import:})
 */
public record Config(StarCriteria stars, EngagementSettings engagement, String rulesFile, OutputSettings output,
    SoftBounceLimit softBounceLimit, DigestSettings digest, SmtpSettings smtp, Schedule schedule, LeadSettings leads,
    ReadLimits limits) {
  public static final Config DEFAULTS =
      new Config(StarCriteria.DEFAULTS, EngagementSettings.DEFAULTS, null, OutputSettings.DEFAULTS);

  public Config {
    Objects.requireNonNull(stars, "stars");
    Objects.requireNonNull(engagement, "engagement");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(softBounceLimit, "softBounceLimit");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(limits, "limits");
  }

  public Config(StarCriteria stars, EngagementSettings engagement, String rulesFile, OutputSettings output,
      SoftBounceLimit softBounceLimit, DigestSettings digest, SmtpSettings smtp, Schedule schedule, LeadSettings leads) {
    this(stars, engagement, rulesFile, output, softBounceLimit, digest, smtp, schedule, leads, ReadLimits.DEFAULTS);
  }

  public Config(StarCriteria stars, EngagementSettings engagement, String rulesFile, OutputSettings output,
      SoftBounceLimit softBounceLimit, DigestSettings digest, SmtpSettings smtp, Schedule schedule) {
    this(stars, engagement, rulesFile, output, softBounceLimit, digest, smtp, schedule, LeadSettings.DEFAULTS);
  }

  public Config(StarCriteria stars, EngagementSettings engagement, String rulesFile, OutputSettings output,
      SoftBounceLimit softBounceLimit) {
    this(stars, engagement, rulesFile, output, softBounceLimit, null, null, Schedule.DEFAULTS);
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

  public Optional<DigestSettings> digestSettings() {
    return Optional.ofNullable(digest);
  }

  public Optional<SmtpSettings> smtpSettings() {
    return Optional.ofNullable(smtp);
  }
}
