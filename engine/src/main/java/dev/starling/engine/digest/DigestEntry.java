package dev.starling.engine.digest;

import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.store.DigestQueries.AccountRow;
import dev.starling.engine.store.DigestQueries.PersonRow;
import dev.starling.rules.Subject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One person (or one account) in a digest: every rule that fired for them this week merged into one entry,
 * so sales reads each name once.
 *
 * @param key the email, or the account key
 * @param name the person's name, or the account's company as the list spells it
 * @param reasons one per lead suggestion, highest priority first
 * @param priority the highest (smallest number) of the reasons'
 * @param score the engagement score (an account's: its people's sum), the tie-breaker within a priority
 * @param lastActivity the last human open or click (an account's: any of its people's), or {@code null} if never
 * @param star the person is a star subscriber now
 * @param resurfaced they were suggested in an earlier week and came back with new activity
 * @param person what is known of the person, or {@code null} for an account (or a person no longer in the list)
 * @param account what is known of the account, or {@code null} for a person
 * @param people for an account: the people active in the last 14 days, newest first
 * @param routedBy which assignment sent it to its recipient
 */
public record DigestEntry(Subject subject, String key, String name, String company, String country, List<Reason> reasons,
    int priority, double score, Instant lastActivity, boolean star, boolean resurfaced, PersonRow person, AccountRow account,
    List<PersonRow> people, Routing.By routedBy) {

  /** Highest priority first, then the highest score, then the key: the digest's ranking, stable run to run. */
  public static final Comparator<DigestEntry> RANKING = Comparator.comparingInt(DigestEntry::priority)
      .thenComparing(Comparator.comparingDouble(DigestEntry::score).reversed())
      .thenComparing(DigestEntry::key);

  /**
   * One lead suggestion behind an entry.
   *
   * @param leadId the number {@code starling lead ID STATUS} takes
   * @param status where sales left it (suggested until someone records an outcome)
   */
  public record Reason(long leadId, String ruleId, String title, int priority, String text, LeadStatus status) {}

  public DigestEntry {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(key, "key");
    reasons = List.copyOf(reasons);
    people = List.copyOf(people);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("an entry needs at least one suggestion: " + key);
    }
  }

  /** The email of a person's entry; {@code null} for an account. */
  public String email() {
    return subject == Subject.SUBSCRIBER ? key : null;
  }

  /** The lead numbers behind the entry, highest priority first. */
  public List<Long> leadIds() {
    return reasons.stream().map(Reason::leadId).toList();
  }

  /** Someone recorded an outcome for at least one of its suggestions. */
  public boolean answered() {
    return reasons.stream().anyMatch(r -> r.status() != LeadStatus.SUGGESTED);
  }
}
