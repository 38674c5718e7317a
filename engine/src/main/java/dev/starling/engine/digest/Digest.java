package dev.starling.engine.digest;

import dev.starling.engine.store.DigestQueries.PersonRow;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One salesperson's digest of one week, before it is rendered.
 *
 * @param date the day it is written, in the recipient's time zone
 * @param people every person routed to the recipient, ranked ({@link DigestEntry#RANKING}); the message shows
 *     the first {@code cap}, the attachment all
 * @param accounts every account suggestion routed to the recipient, ranked the same way
 * @param suggestions lead suggestions (rows of the leads table) behind the entries, before the per-person merge
 */
public record Digest(Salesperson recipient, String week, LocalDate date, List<DigestEntry> people,
    List<DigestEntry> accounts, int cap, int suggestions, Changes changes) {

  /**
   * What changed since last week, for this recipient.
   *
   * @param comparedWith the week of the star snapshot compared with, or {@code null} on the first digest (no
   *     earlier snapshot: new and cold stars are then empty)
   * @param newStars active stars now who were not in that snapshot
   * @param coldStars stars in that snapshot who are no longer stars (and are still subscribed)
   * @param resurfaced this week's entries suggested in an earlier week too, back with new activity
   * @param lastWeek the ISO week before this one
   * @param lastWeekEntries people and accounts suggested to the recipient last week
   * @param unanswered of those, how many still have no recorded outcome
   */
  public record Changes(String comparedWith, List<PersonRow> newStars, List<PersonRow> coldStars,
      List<DigestEntry> resurfaced, String lastWeek, int lastWeekEntries, int unanswered) {
    public Changes {
      newStars = List.copyOf(newStars);
      coldStars = List.copyOf(coldStars);
      resurfaced = List.copyOf(resurfaced);
    }
  }

  public Digest {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(changes, "changes");
    people = List.copyOf(people);
    accounts = List.copyOf(accounts);
  }

  /** The people the message body shows. */
  public List<DigestEntry> shownPeople() {
    return people.subList(0, Math.min(cap, people.size()));
  }

  /** The accounts the message body shows. */
  public List<DigestEntry> shownAccounts() {
    return accounts.subList(0, Math.min(cap, accounts.size()));
  }

  /** Star subscribers among this week's people: the first count of the subject line. */
  public int stars() {
    return (int) people.stream().filter(DigestEntry::star).count();
  }

  /** People and accounts to act on: the second count of the subject line. */
  public int opportunities() {
    return people.size() + accounts.size();
  }
}
