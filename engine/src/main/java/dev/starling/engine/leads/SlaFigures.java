package dev.starling.engine.leads;

import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.Period;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The sales/marketing agreement measured: every SLA figure and every rule grade, computed here and
 * nowhere else, from the leads' timelines (their {@code lead_events}).
 *
 * <p>Definitions (docs/sla.md says the same for people): a lead belongs to the period of its
 * suggestion, in the team's time zone; "accepted", "contacted", "won", "lost" and "rejected" count the
 * leads that ever reached that status (a rejection later taken back counts in both rejected and
 * accepted). Times are hours. A median of an even count is the mean of the middle two; the 90th
 * percentile is the nearest rank (the smallest value with at least 90% of values at or below it).
 */
public final class SlaFigures {
  /** The rule column of the row that sums every rule of a period; no rule id can contain a space. */
  public static final String ALL_RULES = "all rules";

  private static final double HOUR_MS = 3_600_000.0;

  private SlaFigures() {}

  /**
   * One period and rule (or {@link #ALL_RULES}). Figures with no data to compute them from are
   * {@code null}: a median without any acceptance, a rate without a previous month.
   *
   * @param velocityMedianH suggestion to first acceptance, median, hours
   * @param velocityP90H suggestion to first acceptance, 90th percentile, hours
   * @param conversionMedianH first acceptance to won, median, hours
   * @param conversionRate won / accepted
   * @param effectiveLeads the agreement's "delivered leads minus converted leads": suggested minus won
   * @param leadVelocityRatePct month-over-month growth of accepted (qualified) leads, in %; months only
   * @param acceptedInTime share of the suggestions accepted within the agreed business days
   */
  public record Row(String period, String rule, int suggested, int accepted, int contacted, int won, int lost, int rejected,
      Double velocityMedianH, Double velocityP90H, Double conversionMedianH, Double conversionRate, int effectiveLeads,
      Double leadVelocityRatePct, Double acceptedInTime) {}

  /**
   * The SLA rows for the leads suggested in {@code range}, by {@code period}, oldest period first; in
   * each, the all-rules row, then one row per rule by rule id.
   *
   * @param businessDays the agreed response time (Monday to Friday in {@code zone})
   */
  public static List<Row> sla(List<LeadTimeline> leads, Period period, ZoneId zone, DateRange range, int businessDays) {
    Map<LocalDate, Map<String, List<LeadTimeline>>> groups = new TreeMap<>();
    for (LeadTimeline l : leads) {
      LocalDate day = Instant.ofEpochMilli(l.suggestedAt()).atZone(zone).toLocalDate();
      if ((range.from() != null && day.isBefore(range.from())) || (range.to() != null && day.isAfter(range.to()))) {
        continue;
      }
      Map<String, List<LeadTimeline>> byRule = groups.computeIfAbsent(period.start(day), k -> new TreeMap<>());
      byRule.computeIfAbsent(ALL_RULES, k -> new ArrayList<>()).add(l);
      byRule.computeIfAbsent(l.ruleId(), k -> new ArrayList<>()).add(l);
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<LocalDate, Map<String, List<LeadTimeline>>> g : groups.entrySet()) {
      Map<String, List<LeadTimeline>> previous = period == Period.MONTH ? groups.get(g.getKey().minusMonths(1)) : null;
      List<String> rules = new ArrayList<>(g.getValue().keySet());
      rules.remove(ALL_RULES);
      rules.add(0, ALL_RULES);
      for (String rule : rules) {
        List<LeadTimeline> ls = g.getValue().get(rule);
        Double lvr = null;
        if (period == Period.MONTH) {
          int before = previous == null ? 0 : count(previous.getOrDefault(rule, List.of()), LeadStatus.ACCEPTED);
          if (before > 0) {
            lvr = (count(ls, LeadStatus.ACCEPTED) - before) * 100.0 / before;
          }
        }
        out.add(row(period.label(g.getKey()), rule, ls, zone, businessDays, lvr));
      }
    }
    return out;
  }

  private static Row row(String label, String rule, List<LeadTimeline> ls, ZoneId zone, int businessDays, Double lvr) {
    int accepted = count(ls, LeadStatus.ACCEPTED);
    int won = count(ls, LeadStatus.WON);
    List<Double> velocity = new ArrayList<>();
    List<Double> conversion = new ArrayList<>();
    int inTime = 0;
    for (LeadTimeline l : ls) {
      if (l.reached(LeadStatus.ACCEPTED)) {
        long acc = l.first(LeadStatus.ACCEPTED).getAsLong();
        velocity.add((acc - l.suggestedAt()) / HOUR_MS);
        if (acc <= deadline(l.suggestedAt(), zone, businessDays)) {
          inTime++;
        }
        if (l.reached(LeadStatus.WON)) {
          conversion.add((l.first(LeadStatus.WON).getAsLong() - acc) / HOUR_MS);
        }
      }
    }
    return new Row(label, rule, ls.size(), accepted, count(ls, LeadStatus.CONTACTED), won, count(ls, LeadStatus.LOST),
        count(ls, LeadStatus.REJECTED), median(velocity), p90(velocity), median(conversion),
        accepted == 0 ? null : (double) won / accepted, ls.size() - won, lvr, (double) inTime / ls.size());
  }

  /**
   * The end of the agreed response time for a suggestion at {@code at}: the same wall-clock time
   * {@code days} weekdays (Monday to Friday) later in {@code zone}, so a Friday suggestion with two
   * days is due on Tuesday and a Saturday one too.
   */
  public static long deadline(long at, ZoneId zone, int days) {
    ZonedDateTime t = Instant.ofEpochMilli(at).atZone(zone);
    for (int i = 0; i < days; ) {
      t = t.plusDays(1);
      if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
        i++;
      }
    }
    return t.toInstant().toEpochMilli();
  }

  /**
   * How sales judged one rule's suggestions, over all of them.
   *
   * @param acceptedShare suggestions ever accepted / suggestions
   * @param wonShare suggestions won / suggestions
   * @param acceptanceMedianH suggestion to first acceptance, median, hours
   * @param topRejectionReasons up to three reasons of the leads now rejected, most frequent first:
   *     {@code not a fit (2); other (1)}; a rejection without a reason counts as {@code (none given)}
   * @param mostlyRejected more than half of its decided suggestions (no longer just suggested) are now rejected
   */
  public record Grade(String rule, int suggestions, double acceptedShare, double wonShare, Double acceptanceMedianH,
      String topRejectionReasons, boolean mostlyRejected) {}

  /** One grade per rule that has suggestions, by rule id. */
  public static List<Grade> grades(List<LeadTimeline> leads) {
    Map<String, List<LeadTimeline>> byRule = leads.stream()
        .collect(Collectors.groupingBy(LeadTimeline::ruleId, TreeMap::new, Collectors.toList()));
    List<Grade> out = new ArrayList<>();
    for (Map.Entry<String, List<LeadTimeline>> e : byRule.entrySet()) {
      List<LeadTimeline> ls = e.getValue();
      List<Double> velocity = new ArrayList<>();
      Map<String, Integer> reasons = new LinkedHashMap<>();
      int decided = 0;
      int rejected = 0;
      for (LeadTimeline l : ls) {
        l.first(LeadStatus.ACCEPTED).ifPresent(acc -> velocity.add((acc - l.suggestedAt()) / HOUR_MS));
        if (l.status() != LeadStatus.SUGGESTED) {
          decided++;
        }
        if (l.status() == LeadStatus.REJECTED) {
          rejected++;
          reasons.merge(l.lastReason() == null ? "(none given)" : l.lastReason(), 1, Integer::sum);
        }
      }
      String top = reasons.entrySet().stream()
          .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
          .limit(3).map(r -> r.getKey() + " (" + r.getValue() + ")").collect(Collectors.joining("; "));
      out.add(new Grade(e.getKey(), ls.size(), (double) count(ls, LeadStatus.ACCEPTED) / ls.size(),
          (double) count(ls, LeadStatus.WON) / ls.size(), median(velocity), top, rejected * 2 > decided));
    }
    return out;
  }

  private static int count(List<LeadTimeline> ls, LeadStatus status) {
    return (int) ls.stream().filter(l -> l.reached(status)).count();
  }

  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> v = values.stream().sorted().toList();
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  static Double p90(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> v = values.stream().sorted().toList();
    return v.get((int) Math.ceil(0.9 * v.size()) - 1);
  }
}
