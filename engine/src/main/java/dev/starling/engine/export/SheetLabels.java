package dev.starling.engine.export;

import dev.starling.engine.report.Labels;
import java.util.Locale;

/**
 * Sheet and header names in the workbook's language: the report layer's {@link Labels}, starting with a
 * capital letter as a spreadsheet's headers do ("human open rate" becomes "Human open rate").
 */
final class SheetLabels {
  private final Labels labels;

  SheetLabels(Locale language) {
    this.labels = Labels.of(language);
  }

  String header(String key) {
    return capitalised(labels.column(key));
  }

  String sheet(String tableName) {
    return capitalised(labels.table(tableName));
  }

  static String capitalised(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
