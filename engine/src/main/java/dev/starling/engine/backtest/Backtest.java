package dev.starling.engine.backtest;

import dev.starling.engine.campaigns.Period;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.replay.FeatureReplay;
import dev.starling.engine.leads.Lead;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.LeadTimeline;
import dev.starling.engine.leads.SlaFigures;
import dev.starling.engine.leads.finder.LeadFinder;
import dev.starling.engine.store.HistoryCopy;
import dev.starling.engine.store.Store;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays a rules file over the stored history, week by week, and counts what it would have suggested.
 *
 * <p>Weeks are ISO weeks in UTC (Monday to Sunday), as {@code starling leads} names them: every week that
 * overlaps {@code from..to}. For each, the history up to the week's end (Sunday 24:00 UTC) is made live
 * in a scratch copy of the store, the features are refreshed as of then, and the rules run with that
 * week's end as "now", so cooldowns and "nothing new since the last suggestion" hold as in a weekly run.
 * The back-test knows no sales outcomes of its own suggestions: a rejection's cooldown cannot apply.
 *
 * <pre>{@code
 * List<Backtest.Row> rows = Backtest.run(store, book, settings, from, to, timelines, scratchParent);
 * }</pre>
 */
public final class Backtest {
  private Backtest() {}

  /**
   * A suggestion the rules would have made.
   *
   * @param weekEnd the Sunday of the week it was made in (UTC)
   */
  public record Suggestion(String week, LocalDate weekEnd, Subject subject, String subjectKey, String ruleId) {}

  /**
   * One month and rule (or {@link SlaFigures#ALL_RULES}).
   *
   * @param wonLater of {@code suggested}, those whose person (or account) has a stored lead, of any rule,
   *     won at or after the end of the week of the back-tested suggestion
   * @param suggestedAllHuman {@code suggested} with the machine-open filtering off (every open human)
   * @param wonLaterAllHuman {@code wonLater} of those
   */
  public record Row(String month, String rule, int suggested, int wonLater, int suggestedAllHuman, int wonLaterAllHuman) {}

  /**
   * The back-test of {@code book} over the weeks overlapping {@code from..to}: twice, machine-open
   * filtering on and off, each on its own scratch copy under {@code scratch} (deleted afterwards).
   *
   * @param stored the stored leads' timelines, for "later won"
   */
  public static List<Row> run(Store source, RuleBook book, EngagementSettings settings, LocalDate from, LocalDate to,
      List<LeadTimeline> stored, Path scratch) {
    List<Suggestion> on = replay(source, book, settings, false, from, to, scratch.resolve("filter-on"));
    List<Suggestion> off = replay(source, book, settings, true, from, to, scratch.resolve("filter-off"));
    return rows(on, off, stored);
  }

  /**
   * The suggestions {@code book} would have made each week, in week order (within a week, as the lead
   * finder stores them).
   *
   * @param everyOpenHuman the machine-open filtering off
   * @param scratch a directory for the scratch copy (created, then deleted)
   */
  public static List<Suggestion> replay(Store source, RuleBook book, EngagementSettings settings, boolean everyOpenHuman,
      LocalDate from, LocalDate to, Path scratch) {
    List<Suggestion> out = new ArrayList<>();
    Set<String> weeks = new HashSet<>();
    try (HistoryCopy copy = HistoryCopy.of(source, scratch, everyOpenHuman)) {
      for (LocalDate monday = from.with(DayOfWeek.MONDAY); !monday.isAfter(to); monday = monday.plusWeeks(1)) {
        long end = monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        if (copy.advanceTo(end) == 0) {
          continue; // no history yet
        }
        long now = end - 1;
        featuresAsOf(copy.store(), settings, now);
        LeadFinder.Run run = new LeadFinder(copy.store(), book).suggest(now);
        // A week without new data is still the previous week for the finder (its data's week): counted once.
        if (weeks.add(run.week())) {
          for (Lead l : run.leads()) {
            out.add(new Suggestion(run.week(), monday.plusDays(6), l.subject(), l.subjectKey(), l.ruleId()));
          }
        }
      }
    }
    return out;
  }

  /**
   * The one call into the feature replay: the features of the scratch store brought up to date as of
   * {@code now}, through its public entry point, so a rewrite of the replay does not reach here.
   */
  static void featuresAsOf(Store store, EngagementSettings settings, long now) {
    FeatureReplay.refreshIfStale(store, settings, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
  }

  /** Per month (of the week's Sunday), the all-rules row, then one row per rule by rule id. */
  static List<Row> rows(List<Suggestion> on, List<Suggestion> off, List<LeadTimeline> stored) {
    Map<String, List<Long>> won = new HashMap<>();
    for (LeadTimeline l : stored) {
      if (l.reached(LeadStatus.WON)) {
        won.computeIfAbsent(l.subject() + "\n" + l.subjectKey(), k -> new ArrayList<>()).add(l.first(LeadStatus.WON).getAsLong());
      }
    }
    Map<String, Map<String, int[]>> months = new TreeMap<>();
    count(on, 0, months, won);
    count(off, 2, months, won);
    List<Row> out = new ArrayList<>();
    months.forEach((month, byRule) -> {
      Set<String> rules = new TreeSet<>(byRule.keySet());
      rules.remove(SlaFigures.ALL_RULES);
      List<String> order = new ArrayList<>();
      order.add(SlaFigures.ALL_RULES);
      order.addAll(rules);
      for (String rule : order) {
        int[] c = byRule.get(rule);
        out.add(new Row(month, rule, c[0], c[1], c[2], c[3]));
      }
    });
    return out;
  }

  private static void count(List<Suggestion> suggestions, int at, Map<String, Map<String, int[]>> months,
      Map<String, List<Long>> won) {
    for (Suggestion s : suggestions) {
      String month = Period.MONTH.label(Period.MONTH.start(s.weekEnd()));
      long weekEnd = s.weekEnd().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      boolean later = won.getOrDefault(s.subject().key() + "\n" + s.subjectKey(), List.of()).stream().anyMatch(t -> t >= weekEnd);
      Map<String, int[]> byRule = months.computeIfAbsent(month, k -> new HashMap<>());
      for (String rule : List.of(SlaFigures.ALL_RULES, s.ruleId())) {
        int[] c = byRule.computeIfAbsent(rule, k -> new int[4]);
        c[at]++;
        if (later) {
          c[at + 1]++;
        }
      }
    }
  }
}
