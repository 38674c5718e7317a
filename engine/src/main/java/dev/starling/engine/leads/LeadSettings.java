package dev.starling.engine.leads;

import dev.starling.engine.error.StarlingException;
import java.util.List;
import java.util.Locale;

/**
 * The {@code leads:} section of starling.yaml: the reasons sales may give for a rejection, and the
 * response time the agreement promises (business days, Monday to Friday, in the team's time zone).
 *
 * @param rejectionReasons the allowed reasons, trimmed and lower-cased, in the order people see them
 * @param responseBusinessDays how many business days sales has to accept a suggestion
 */
public record LeadSettings(List<String> rejectionReasons, int responseBusinessDays) {
  public static final LeadSettings DEFAULTS =
      new LeadSettings(List.of("not a fit", "already a customer", "wrong person", "no budget", "other"), 2);

  public LeadSettings {
    rejectionReasons = rejectionReasons.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).filter(r -> !r.isEmpty())
        .distinct().toList();
    if (rejectionReasons.isEmpty()) {
      throw new IllegalArgumentException("rejection-reasons must name at least one reason");
    }
    if (responseBusinessDays < 0) {
      throw new IllegalArgumentException("response-business-days must be >= 0 but was " + responseBusinessDays);
    }
  }

  /**
   * The allowed reason spelled {@code reason} (any case).
   *
   * @throws StarlingException naming the value and every allowed reason
   */
  public String reason(String reason) {
    String r = reason.strip().toLowerCase(Locale.ROOT);
    if (!rejectionReasons.contains(r)) {
      throw new StarlingException("--reason must be one of " + String.join(", ", rejectionReasons) + " but was '" + reason
          + "' (leads.rejection-reasons in starling.yaml)");
    }
    return r;
  }
}
