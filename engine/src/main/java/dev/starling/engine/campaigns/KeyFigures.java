package dev.starling.engine.campaigns;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The figures a manager reads first, for the report's range: the {@code summary} table, one figure per
 * row with its count and, where one applies, its rate. Figure names are the labels of the same measures'
 * columns elsewhere, so "unique human opens" reads the same on every sheet.
 *
 * @param subscribers people in the store
 * @param campaigns campaigns sent in the range
 * @param totals the campaigns' figures added up
 * @param stars star subscribers now, by the configured thresholds
 * @param leadsSuggested lead suggestions made in the range
 */
public record KeyFigures(long subscribers, long campaigns, Counts totals, long stars, long leadsSuggested) {
  public static final List<Column> COLUMNS = List.of(
      Column.of("figure", ColumnType.TEXT),
      Column.of("value", ColumnType.INTEGER),
      Column.of("rate", ColumnType.RATIO));

  /**
   * @param label the label of a column key ({@code delivered} -> "delivered", or its translation)
   */
  public Table table(UnaryOperator<String> label) {
    Counts t = totals;
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {label.apply("subscribers"), subscribers, null});
    rows.add(new Object[] {label.apply("campaigns"), campaigns, null});
    rows.add(new Object[] {label.apply("sends"), t.sends(), null});
    rows.add(new Object[] {label.apply("delivered"), t.delivered(), null});
    rows.add(new Object[] {label.apply("unique_human_opens"), t.uniqueHumanOpens(), t.humanOpenRate()});
    rows.add(new Object[] {label.apply("machine_opens"), t.machineOpens(), t.machineOpenShare()});
    rows.add(new Object[] {label.apply("unique_human_clicks"), t.uniqueHumanClicks(), t.clickRate()});
    rows.add(new Object[] {label.apply("human_clicks"), t.humanClicks(), null});
    rows.add(new Object[] {label.apply("hard_bounces"), t.hardBounces(), ratio(t.hardBounces(), t.sends())});
    rows.add(new Object[] {label.apply("soft_bounces"), t.softBounces(), ratio(t.softBounces(), t.sends())});
    rows.add(new Object[] {label.apply("complaints"), t.complaints(), t.complaintRate()});
    rows.add(new Object[] {label.apply("unsubscribes"), t.unsubscribes(), t.unsubscribeRate()});
    rows.add(new Object[] {label.apply("stars"), stars, null});
    rows.add(new Object[] {label.apply("leads_suggested"), leadsSuggested, null});
    return Table.of("summary", COLUMNS, rows);
  }

  private static Double ratio(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
