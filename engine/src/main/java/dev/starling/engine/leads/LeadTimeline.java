package dev.starling.engine.leads;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One lead's life condensed for the SLA figures: when it was suggested and when it first reached each
 * later status (real clock, UTC ms), who owns it and why it was last rejected.
 *
 * @param suggestedAt the suggestion step's time
 * @param firstAt the first time each status was reached (a rejected lead later accepted has both)
 * @param owner the person named on the lead's latest step that names one ({@code --by}), or {@code null}
 * @param lastReason the reason of the latest rejection step, or {@code null}
 */
public record LeadTimeline(long id, String week, String subject, String subjectKey, String ruleId, LeadStatus status,
    long suggestedAt, Map<LeadStatus, Long> firstAt, String owner, String lastReason) {
  public LeadTimeline {
    Map<LeadStatus, Long> copy = new EnumMap<>(LeadStatus.class);
    copy.putAll(firstAt);
    firstAt = Collections.unmodifiableMap(copy);
  }

  /** When the lead first reached {@code status}, if it did. */
  public OptionalLong first(LeadStatus status) {
    Long at = firstAt.get(status);
    return at == null ? OptionalLong.empty() : OptionalLong.of(at);
  }

  public boolean reached(LeadStatus status) {
    return firstAt.containsKey(status);
  }
}
