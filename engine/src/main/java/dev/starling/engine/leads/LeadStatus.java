package dev.starling.engine.leads;

import dev.starling.engine.error.StarlingException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a lead stands in its life, and where it may go from there (the transitions are data, below).
 *
 * <pre>
 *   suggested -> accepted | rejected
 *   accepted  -> contacted | won | lost | rejected
 *   contacted -> won | lost | rejected
 *   rejected  -> accepted      (sales reconsidered; the history keeps both steps)
 *   won, lost: final
 * </pre>
 *
 * <p>Why: a suggestion is first judged (accepted or rejected); an accepted lead may be closed at once
 * (won or lost without a logged contact) or dropped. A deal that is won or lost is history: when the
 * person shows new interest later, the rules suggest a new lead (a new row with its own history), so
 * SLA figures per lead stay honest. A rejection is the one verdict sales may take back, because it is
 * made quickly on a list and is the one most often wrong; nothing else goes backwards.
 */
public enum LeadStatus {
  SUGGESTED,
  ACCEPTED,
  CONTACTED,
  WON,
  LOST,
  REJECTED;

  /** Computed once: the rules read it for every subscriber. */
  private final String code = name().toLowerCase(Locale.ROOT);

  private static final Map<LeadStatus, Set<LeadStatus>> NEXT = Map.of(
      SUGGESTED, EnumSet.of(ACCEPTED, REJECTED),
      ACCEPTED, EnumSet.of(CONTACTED, WON, LOST, REJECTED),
      CONTACTED, EnumSet.of(WON, LOST, REJECTED),
      REJECTED, EnumSet.of(ACCEPTED),
      WON, EnumSet.noneOf(LeadStatus.class),
      LOST, EnumSet.noneOf(LeadStatus.class));

  /** The stored and typed spelling: {@code suggested}, {@code accepted}, ... */
  public String code() {
    return code;
  }

  /** The statuses this one may become, in declaration order. */
  public Set<LeadStatus> next() {
    return NEXT.get(this);
  }

  public boolean canBecome(LeadStatus to) {
    return NEXT.get(this).contains(to);
  }

  /** A lead that can change no more. */
  public boolean isFinal() {
    return NEXT.get(this).isEmpty();
  }

  /**
   * The status spelled {@code code} (case-insensitive, as typed on the command line).
   *
   * @throws StarlingException naming the value and every accepted spelling
   */
  public static LeadStatus ofCode(String code) {
    for (LeadStatus s : values()) {
      if (s.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new StarlingException("status must be one of "
        + Arrays.stream(values()).map(LeadStatus::code).collect(Collectors.joining(", ")) + " but was '" + code + "'");
  }

  /**
   * Checks a step of lead {@code id} from this status to {@code to}.
   *
   * @throws StarlingException {@code lead #12 is won; it cannot become suggested (allowed from won: none)}
   */
  public void checkTransition(long id, LeadStatus to) {
    if (!canBecome(to)) {
      String allowed = next().isEmpty() ? "none" : next().stream().map(LeadStatus::code).collect(Collectors.joining(", "));
      throw new StarlingException("lead #" + id + " is " + code() + "; it cannot become " + to.code()
          + " (allowed from " + code() + ": " + allowed + ")");
    }
  }
}
