package dev.starling.engine.digest;

import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.LeadTimeline;
import dev.starling.engine.leads.SlaFigures;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The digest's short SLA section: last calendar month's figures (in the team's time zone) for the whole
 * team and for the recipient, computed by {@link SlaFigures} like {@code starling report sla}, plus the
 * leads still waiting for an answer past the agreed response time, as of the digest's writing.
 *
 * <p>The recipient's "own" leads: for the month's figures, the leads they own (named by {@code --by} on a
 * step: their name or email, any case); for the leads waiting, those routed to them by today's routing
 * (a lead nobody has answered has no owner yet).
 *
 * @param month the month the figures are of ({@code 2026-03})
 */
public record DigestSla(String month, Figures team, Figures own) {
  /**
   * @param suggested leads suggested in the month
   * @param acceptedInTime share of those accepted within the response time, or {@code null} with none suggested
   * @param velocityMedianH hours from suggestion to acceptance, median, or {@code null} with none accepted
   * @param conversionRate won / accepted, or {@code null} with none accepted
   * @param overdue leads now still just suggested whose response time has passed
   */
  public record Figures(int suggested, Double acceptedInTime, Double velocityMedianH, Double conversionRate, int overdue) {}

  /**
   * What every recipient's section is computed from.
   *
   * @param leads read at each run (a long-running {@code serve} keeps one job for many weeks)
   */
  public record Source(Supplier<List<LeadTimeline>> leads, ZoneId teamZone, int businessDays) {}

  /**
   * Everyone's section.
   *
   * @param overdueByRecipient overdue leads per recipient email (by today's routing)
   */
  static DigestSla of(Source src, List<LeadTimeline> leads, Salesperson to, long now, Map<String, Integer> overdueByRecipient) {
    LocalDate thisMonth = Period.MONTH.start(Instant.ofEpochMilli(now).atZone(src.teamZone()).toLocalDate());
    LocalDate first = thisMonth.minusMonths(1);
    DateRange range = new DateRange(first, thisMonth.minusDays(1));
    List<LeadTimeline> own = leads.stream().filter(l -> l.owner() != null
        && (l.owner().equalsIgnoreCase(to.name()) || l.owner().toLowerCase(Locale.ROOT).equals(to.email()))).toList();
    return new DigestSla(Period.MONTH.label(first), figures(leads, src, range, overdue(src, leads, now).size()),
        figures(own, src, range, overdueByRecipient.getOrDefault(to.email(), 0)));
  }

  private static Figures figures(List<LeadTimeline> leads, Source src, DateRange range, int overdue) {
    List<SlaFigures.Row> rows = SlaFigures.sla(leads, Period.MONTH, src.teamZone(), range, src.businessDays());
    if (rows.isEmpty()) {
      return new Figures(0, null, null, null, overdue);
    }
    SlaFigures.Row all = rows.get(0); // the all-rules row of the only month
    return new Figures(all.suggested(), all.acceptedInTime(), all.velocityMedianH(), all.conversionRate(), overdue);
  }

  /** The ids of the leads still just suggested whose response time ended before {@code now}. */
  static Set<Long> overdue(Source src, List<LeadTimeline> leads, long now) {
    return leads.stream().filter(l -> l.status() == LeadStatus.SUGGESTED
        && SlaFigures.deadline(l.suggestedAt(), src.teamZone(), src.businessDays()) < now)
        .map(LeadTimeline::id).collect(java.util.stream.Collectors.toSet());
  }
}
