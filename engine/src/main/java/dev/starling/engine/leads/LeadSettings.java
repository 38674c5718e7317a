package dev.starling.engine.leads;

import dev.starling.engine.error.StarlingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code leads:} section of starling.yaml: the reasons sales may give for a rejection, the
 * response time the agreement promises (business days, Monday to Friday, in the team's time zone), how
 * long each rejection reason keeps the person (or account) from being suggested again, and the mailbox
 * where salespeople's replies to the digest arrive.
 *
 * @param rejectionReasons the allowed reasons, trimmed and lower-cased, in the order people see them
 * @param responseBusinessDays how many business days sales has to accept a suggestion
 * @param cooldownDays days a rejection with that reason holds back every suggestion for the person (or,
 *     for {@value #ALREADY_A_CUSTOMER}, the whole account); {@link #FOREVER} for good; a reason not
 *     named holds back nothing beyond the rule's own cooldown
 * @param repliesMailbox {@code imaps://user@host/FOLDER} where digest replies arrive, or {@code null}
 */
public record LeadSettings(List<String> rejectionReasons, int responseBusinessDays, Map<String, Integer> cooldownDays,
    String repliesMailbox) {
  /** The cooldown of a reason that holds back for good. */
  public static final int FOREVER = Integer.MAX_VALUE;

  /** The reason whose cooldown covers the person's whole account (company or business domain). */
  public static final String ALREADY_A_CUSTOMER = "already a customer";

  /**
   * Why these: "not a fit" and "no budget" rarely change within a quarter; a "wrong person" is wrong for a
   * month or so (then someone else may have the job); "already a customer" is a fact about the account, not a
   * mood; "other" says nothing, so only the rule's own cooldown applies.
   */
  public static final Map<String, Integer> DEFAULT_COOLDOWNS = defaults();

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
    Map<String, Integer> days = new LinkedHashMap<>();
    cooldownDays.forEach((reason, d) -> {
      if (d < 0) {
        throw new IllegalArgumentException("cooldown of '" + reason + "' must be >= 0 days but was " + d);
      }
      days.put(reason.strip().toLowerCase(Locale.ROOT), d);
    });
    cooldownDays = java.util.Collections.unmodifiableMap(days);
    repliesMailbox = repliesMailbox == null || repliesMailbox.isBlank() ? null : repliesMailbox.strip();
  }

  /** The reasons and response time, with the default cooldowns and no replies mailbox. */
  public LeadSettings(List<String> rejectionReasons, int responseBusinessDays) {
    this(rejectionReasons, responseBusinessDays, DEFAULT_COOLDOWNS, null);
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

  /** How many days a rejection for {@code reason} holds back the person; 0 for none or an unnamed reason. */
  public int cooldownDays(String reason) {
    return reason == null ? 0 : cooldownDays.getOrDefault(reason, 0);
  }

  /** {@code not a fit} as a config key part: {@code not-a-fit}. */
  public static String keyOf(String reason) {
    return reason.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
  }

  private static Map<String, Integer> defaults() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("not a fit", 90);
    m.put(ALREADY_A_CUSTOMER, FOREVER);
    m.put("wrong person", 30);
    m.put("no budget", 90);
    m.put("other", 0);
    return java.util.Collections.unmodifiableMap(m);
  }
}
