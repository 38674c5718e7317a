package dev.starling.engine.digest;

import dev.starling.engine.store.DigestQueries;
import dev.starling.engine.store.DigestQueries.AccountRow;
import dev.starling.engine.store.DigestQueries.LeadRow;
import dev.starling.engine.store.DigestQueries.PersonRow;
import dev.starling.engine.store.DigestQueries.StarSnapshot;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.rules.Subject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a week's stored suggestions into one {@link Digest} per salesperson: groups the suggestions per person
 * (or account), routes each group, ranks, and works out what changed since last week.
 *
 * <p>How "what changed" is computed, from what the store keeps:
 * <ul>
 *   <li>new stars and stars going cold: each digest run saves the week's active star subscribers
 *       ({@code digest_stars}); the next week compares today's stars with the latest earlier snapshot. A star who
 *       unsubscribed is not "going cold": they are simply gone.
 *   <li>resurfaced: this week's entries whose person or account was suggested in an earlier week (the lead rules
 *       suggest again only on new activity);
 *   <li>unanswered: last ISO week's entries routed to the recipient (by today's routing) for which no outcome was
 *       recorded on any of their suggestions.
 * </ul>
 */
public final class DigestPlan {
  /** The window an account's people must have been active in to count as behind its surge. */
  static final int ACCOUNT_PEOPLE_DAYS = 14;

  private final Routing routing;
  private final int cap;
  private final Map<String, String> ruleTitles;
  private final Clock clock;

  /**
   * @param ruleTitles rule id to its title in the rules file (a rule since removed shows its id)
   */
  public DigestPlan(Routing routing, int cap, Map<String, String> ruleTitles, Clock clock) {
    this.routing = routing;
    this.cap = cap;
    this.ruleTitles = Map.copyOf(ruleTitles);
    this.clock = clock;
  }

  /**
   * The week's digests and what could not be routed.
   *
   * @param digests one per salesperson, in the configuration's order (also those with nothing this week)
   * @param unrouted suggestions no assignment matched (only when there is no default recipient)
   */
  public record Result(String week, List<Digest> digests, List<DigestEntry> unrouted, int suggestions) {}

  /** Reads what the week needs from {@code q} and plans every digest. */
  public Result plan(DigestQueries q, String week, int minCampaigns, double minRatio) {
    long asOf = q.featuresAsOf();
    List<PersonRow> stars = q.stars(minCampaigns, minRatio);
    Optional<StarSnapshot> before = q.starsBefore(week);
    return plan(week, asOf, q.leadsOfWeek(week), q.leadsOfWeek(previousWeek(week)), stars, before,
        account -> q.activePeople(account, asOf, ACCOUNT_PEOPLE_DAYS));
  }

  /** Plans every digest from rows already read (the seam the tests use to check the arithmetic alone). */
  Result plan(String week, long asOf, List<LeadRow> leads, List<LeadRow> lastWeek, List<PersonRow> starsNow,
      Optional<StarSnapshot> before, Function<String, List<PersonRow>> peopleOf) {
    Set<String> starEmails = new HashSet<>();
    starsNow.forEach(p -> starEmails.add(p.email()));
    Map<String, List<DigestEntry>> people = new HashMap<>();
    Map<String, List<DigestEntry>> accounts = new HashMap<>();
    Map<String, Integer> suggestions = new HashMap<>();
    List<DigestEntry> unrouted = new ArrayList<>();
    for (List<LeadRow> group : group(leads).values()) {
      Routed r = entry(group, starEmails, peopleOf);
      if (r.person == null) {
        unrouted.add(r.entry);
        continue;
      }
      (r.entry.subject() == Subject.ACCOUNT ? accounts : people).computeIfAbsent(r.person.email(), k -> new ArrayList<>())
          .add(r.entry);
      suggestions.merge(r.person.email(), group.size(), Integer::sum);
    }
    Map<String, int[]> lastWeekCounts = new HashMap<>(); // recipient -> entries, unanswered
    for (List<LeadRow> group : group(lastWeek).values()) {
      Optional<Routing.Assignment> a = routing.route(target(group.get(0)));
      if (a.isPresent()) {
        int[] c = lastWeekCounts.computeIfAbsent(a.get().person().email(), k -> new int[2]);
        c[0]++;
        if (group.stream().allMatch(l -> l.status() == LeadStatus.SUGGESTED)) {
          c[1]++;
        }
      }
    }
    Map<String, List<PersonRow>> newStars = new HashMap<>();
    Map<String, List<PersonRow>> coldStars = new HashMap<>();
    if (before.isPresent()) {
      Set<String> earlier = new HashSet<>();
      before.get().people().forEach(p -> earlier.add(p.email()));
      for (PersonRow p : starsNow) {
        if (!earlier.contains(p.email())) {
          routeTo(p).ifPresent(to -> newStars.computeIfAbsent(to, k -> new ArrayList<>()).add(p));
        }
      }
      for (PersonRow p : before.get().people()) {
        if (!starEmails.contains(p.email()) && "active".equals(p.status())) {
          routeTo(p).ifPresent(to -> coldStars.computeIfAbsent(to, k -> new ArrayList<>()).add(p));
        }
      }
    }
    Comparator<PersonRow> byScore = Comparator.comparingDouble(PersonRow::score).reversed().thenComparing(PersonRow::email);
    Comparator<PersonRow> byLastActivity = Comparator.comparingLong(PersonRow::lastHumanAt).reversed()
        .thenComparing(PersonRow::email);
    String lastWeekId = previousWeek(week);
    List<Digest> out = new ArrayList<>();
    for (Salesperson s : routing.people()) {
      List<DigestEntry> ps = new ArrayList<>(people.getOrDefault(s.email(), List.of()));
      List<DigestEntry> as = new ArrayList<>(accounts.getOrDefault(s.email(), List.of()));
      ps.sort(DigestEntry.RANKING);
      as.sort(DigestEntry.RANKING);
      List<DigestEntry> resurfaced = new ArrayList<>();
      ps.stream().filter(DigestEntry::resurfaced).forEach(resurfaced::add);
      as.stream().filter(DigestEntry::resurfaced).forEach(resurfaced::add);
      List<PersonRow> ns = new ArrayList<>(newStars.getOrDefault(s.email(), List.of()));
      List<PersonRow> cs = new ArrayList<>(coldStars.getOrDefault(s.email(), List.of()));
      ns.sort(byScore);
      cs.sort(byLastActivity);
      int[] lw = lastWeekCounts.getOrDefault(s.email(), new int[2]);
      Digest.Changes changes = new Digest.Changes(before.map(StarSnapshot::week).orElse(null), ns, cs, resurfaced,
          lastWeekId, lw[0], lw[1]);
      LocalDate today = LocalDate.ofInstant(clock.instant(), s.zone());
      out.add(new Digest(s, week, today, ps, as, cap, suggestions.getOrDefault(s.email(), 0), changes));
    }
    unrouted.sort(DigestEntry.RANKING);
    return new Result(week, out, unrouted, leads.size());
  }

  private Optional<String> routeTo(PersonRow p) {
    return routing.route(new Routing.Target(p.account(), p.company(), p.domain(), p.country()))
        .map(a -> a.person().email());
  }

  /** The suggestions of one person or account, in id order, keyed by subject and key. */
  private static Map<String, List<LeadRow>> group(List<LeadRow> leads) {
    Map<String, List<LeadRow>> out = new LinkedHashMap<>();
    for (LeadRow l : leads) {
      out.computeIfAbsent(l.subject() + "\n" + l.subjectKey(), k -> new ArrayList<>()).add(l);
    }
    return out;
  }

  private record Routed(DigestEntry entry, Salesperson person) {}

  private Routed entry(List<LeadRow> group, Set<String> stars, Function<String, List<PersonRow>> peopleOf) {
    LeadRow first = group.get(0);
    List<DigestEntry.Reason> reasons = group.stream()
        .sorted(Comparator.comparingInt(LeadRow::priority).thenComparingLong(LeadRow::id))
        .map(l -> new DigestEntry.Reason(l.id(), l.ruleId(), ruleTitles.getOrDefault(l.ruleId(), l.ruleId()), l.priority(),
            l.reason(), l.status()))
        .toList();
    int priority = reasons.get(0).priority();
    boolean resurfaced = group.stream().anyMatch(LeadRow::resurfaced);
    Optional<Routing.Assignment> a = routing.route(target(first));
    Routing.By by = a.map(Routing.Assignment::by).orElse(null);
    DigestEntry e;
    if (first.account() != null) {
      AccountRow acc = first.account();
      List<PersonRow> people = peopleOf.apply(acc.account());
      String name = people.stream().map(PersonRow::company)
          .filter(c -> c != null && c.strip().toLowerCase(Locale.ROOT).equals(acc.account())).findFirst().orElse(acc.account());
      e = new DigestEntry(Subject.ACCOUNT, first.subjectKey(), name, name, acc.country(), reasons, priority, acc.scoreSum(),
          instant(acc.lastHumanAt()), false, resurfaced, null, acc, people, by);
    } else {
      PersonRow p = first.person();
      e = new DigestEntry(first.subject(), first.subjectKey(), p == null || p.name().isBlank() ? first.subjectKey() : p.name(),
          p == null ? null : p.company(), p == null ? null : p.country(), reasons, priority, p == null ? 0 : p.score(),
          p == null ? null : instant(p.lastHumanAt()), stars.contains(first.subjectKey()), resurfaced, p, null, List.of(), by);
    }
    return new Routed(e, a.map(Routing.Assignment::person).orElse(null));
  }

  /** How many of {@code leads} today's routing gives each recipient (by email); unrouted ones are not counted. */
  Map<String, Integer> routedCounts(List<LeadRow> leads) {
    Map<String, Integer> out = new HashMap<>();
    for (LeadRow l : leads) {
      routing.route(target(l)).ifPresent(a -> out.merge(a.person().email(), 1, Integer::sum));
    }
    return out;
  }

  private static Routing.Target target(LeadRow l) {
    if (l.account() != null) {
      AccountRow a = l.account();
      return new Routing.Target(a.account(), a.account(), a.domain(), a.country());
    }
    PersonRow p = l.person();
    if (p == null) {
      String key = l.subjectKey();
      return new Routing.Target(null, null, key.contains("@") ? key.substring(key.indexOf('@') + 1) : key, null);
    }
    return new Routing.Target(p.account(), p.company(), p.domain(), p.country());
  }

  private static Instant instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }

  /** {@code 2026-W48} -> {@code 2026-W47}; {@code 2027-W01} -> {@code 2026-W53} or {@code -W52}, as the calendar has it. */
  public static String previousWeek(String week) {
    LocalDate monday = mondayOf(week);
    return isoWeek(monday.minusWeeks(1));
  }

  /** The Monday of an ISO week {@code YYYY-Www}. */
  public static LocalDate mondayOf(String week) {
    if (week == null || !week.matches("\\d{4}-W\\d{2}")) {
      throw new IllegalArgumentException("a week looks like 2026-W48 but was '" + week + "'");
    }
    int year = Integer.parseInt(week.substring(0, 4));
    int w = Integer.parseInt(week.substring(6));
    LocalDate jan4 = LocalDate.of(year, 1, 4);
    long weeks = jan4.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
    if (w < 1 || w > weeks) {
      throw new IllegalArgumentException("week " + week + " does not exist: " + year + " has " + weeks + " ISO weeks");
    }
    return jan4.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, w).with(java.time.DayOfWeek.MONDAY);
  }

  public static String isoWeek(LocalDate d) {
    return String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
