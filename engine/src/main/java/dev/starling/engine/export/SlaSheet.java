package dev.starling.engine.export;

import dev.starling.engine.report.Table;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * The agreement's sheets: "SLA" (the figures of {@code starling report sla}, one row per period and
 * rule, with a chart of suggested, accepted and won leads per period for all rules) and "Rule grades"
 * (those of {@code starling report rules}). Written on the in-memory part of the workbook: they are
 * small, and the chart is built from the all-rules rows as they are written.
 */
final class SlaSheet {
  /** The SLA figures the chart shows, in this order. */
  static final List<String> CHARTED = List.of("suggested", "accepted", "won");
  static final String ALL_RULES = "all rules";

  private SlaSheet() {}

  /** Writes both sheets; returns the SLA sheet's row count. */
  static long write(TableSheet memory, SheetLabels labels, Table sla, Table ruleGrades) {
    // The table's rows are read once by the sheet writer; the chart's all-rules rows are picked on the way.
    int period = sla.indexOf("period");
    int rule = sla.indexOf("rule_id");
    int[] charted = CHARTED.stream().mapToInt(sla::indexOf).toArray();
    List<String> categories = new ArrayList<>();
    List<List<Double>> values = new ArrayList<>();
    CHARTED.forEach(k -> values.add(new ArrayList<>()));
    Table watched = new Table(sla.name(), sla.columns(), sink -> sla.forEachRow(row -> {
      if (ALL_RULES.equals(row[rule])) {
        categories.add((String) row[period]);
        for (int i = 0; i < charted.length; i++) {
          values.get(i).add(((Number) row[charted[i]]).doubleValue());
        }
      }
      sink.accept(row);
    }));
    TableSheet.Written written = memory.write(watched, true);
    if (!categories.isEmpty()) {
      SummaryCharts chart = new SummaryCharts((XSSFSheet) written.sheet(), sla.columns().size() + 1);
      chart.columns(labels.sheet("sla_by_period"), categories.toArray(String[]::new),
          CHARTED.stream().map(labels::header).toList(), values.stream().map(v -> v.toArray(Double[]::new)).toList());
    }
    if (ruleGrades != null) {
      memory.write(ruleGrades, true);
    }
    return written.rows();
  }
}
