package dev.starling.engine.app;

import dev.starling.engine.backtest.Backtest;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.LeadTimeline;
import dev.starling.engine.leads.SlaFigures;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.time.Instant;
import java.util.List;

/**
 * The agreement's figures as tables: {@code sla} (per period and rule), {@code rule_grades}, a rules
 * file's {@code backtest} (per month and rule), and a
 * lead's list and history ({@code lead_list}, {@code lead_history}). Times in hours carry {@code _h}
 * in their key so no reader wonders about the unit.
 */
public final class SlaTables {
  public static final List<Column> SLA = List.of(
      Column.of("period", ColumnType.TEXT),
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("suggested", ColumnType.INTEGER),
      Column.of("accepted", ColumnType.INTEGER),
      Column.of("contacted", ColumnType.INTEGER),
      Column.of("won", ColumnType.INTEGER),
      Column.of("lost", ColumnType.INTEGER),
      Column.of("rejected", ColumnType.INTEGER),
      Column.of("velocity_median_h", ColumnType.DECIMAL),
      Column.of("velocity_p90_h", ColumnType.DECIMAL),
      Column.of("conversion_median_h", ColumnType.DECIMAL),
      Column.of("conversion_rate", ColumnType.RATIO),
      Column.of("effective_leads", ColumnType.INTEGER),
      Column.of("lead_velocity_rate_pct", ColumnType.DECIMAL),
      Column.of("accepted_in_time", ColumnType.RATIO));

  public static final List<Column> GRADES = List.of(
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("suggestions", ColumnType.INTEGER),
      Column.of("accepted_share", ColumnType.RATIO),
      Column.of("won_share", ColumnType.RATIO),
      Column.of("acceptance_median_h", ColumnType.DECIMAL),
      Column.of("top_rejection_reasons", ColumnType.TEXT),
      Column.of("mostly_rejected", ColumnType.TEXT));

  public static final List<Column> BACKTEST = List.of(
      Column.of("month", ColumnType.TEXT),
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("suggested", ColumnType.INTEGER),
      Column.of("won_later", ColumnType.INTEGER),
      Column.of("suggested_all_human", ColumnType.INTEGER),
      Column.of("won_later_all_human", ColumnType.INTEGER));

  public static final List<Column> LIST = List.of(
      Column.of("id", ColumnType.INTEGER),
      Column.of("week", ColumnType.TEXT),
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("subject", ColumnType.TEXT),
      Column.of("who", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT),
      Column.of("owner", ColumnType.TEXT),
      Column.of("suggested_at", ColumnType.TIME));

  public static final List<Column> HISTORY = List.of(
      Column.of("lead_id", ColumnType.INTEGER),
      Column.of("at", ColumnType.TIME),
      Column.of("from_status", ColumnType.TEXT),
      Column.of("to_status", ColumnType.TEXT),
      Column.of("by", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT),
      Column.of("note", ColumnType.TEXT));

  private SlaTables() {}

  public static Table sla(List<SlaFigures.Row> rows) {
    return Table.of("sla", SLA, rows.stream().map(r -> new Object[] {r.period(), r.rule(), r.suggested(), r.accepted(),
        r.contacted(), r.won(), r.lost(), r.rejected(), r.velocityMedianH(), r.velocityP90H(), r.conversionMedianH(),
        r.conversionRate(), r.effectiveLeads(), r.leadVelocityRatePct(), r.acceptedInTime()}).toList());
  }

  public static Table grades(List<SlaFigures.Grade> grades) {
    return Table.of("rule_grades", GRADES, grades.stream().map(g -> new Object[] {g.rule(), g.suggestions(), g.acceptedShare(),
        g.wonShare(), g.acceptanceMedianH(), g.topRejectionReasons(), g.mostlyRejected() ? "yes" : "no"}).toList());
  }

  public static Table backtest(List<Backtest.Row> rows) {
    return Table.of("backtest", BACKTEST, rows.stream().map(r -> new Object[] {r.month(), r.rule(), r.suggested(), r.wonLater(),
        r.suggestedAllHuman(), r.wonLaterAllHuman()}).toList());
  }

  public static Table list(List<LeadTimeline> leads) {
    return Table.of("lead_list", LIST, leads.stream().map(l -> new Object[] {l.id(), l.week(), l.ruleId(), l.subject(),
        l.subjectKey(), l.status().code(), l.owner(), Instant.ofEpochMilli(l.suggestedAt())}).toList());
  }

  /** One step of a lead's history, as {@link #history} shows it. */
  public record Step(long leadId, long at, LeadStatus from, LeadStatus to, String by, String reason, String note) {}

  public static Table history(List<Step> steps) {
    return Table.of("lead_history", HISTORY, steps.stream().map(s -> new Object[] {s.leadId(), Instant.ofEpochMilli(s.at()),
        s.from() == null ? null : s.from().code(), s.to().code(), s.by(), s.reason(), s.note()}).toList());
  }
}
