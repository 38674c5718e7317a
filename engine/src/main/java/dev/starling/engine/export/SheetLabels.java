package dev.starling.engine.export;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Sheet and header names in the workbook's language, from the report layer's label files
 * ({@code column.<key>}, {@code table.<name>}); a key without a label shows as itself. Headers and sheet
 * names start with a capital letter, as a spreadsheet's do.
 */
final class SheetLabels {
  private static final String BUNDLE = "dev.starling.engine.report.labels";
  private final ResourceBundle bundle;

  SheetLabels(Locale language) {
    ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    this.bundle = ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(language.getLanguage()), control);
  }

  /** The label of column {@code key}, as written in the label file. */
  String column(String key) {
    return text("column." + key, key);
  }

  String header(String key) {
    return capitalised(column(key));
  }

  String sheet(String tableName) {
    return capitalised(text("table." + tableName, tableName));
  }

  private String text(String key, String fallback) {
    return bundle.containsKey(key) ? bundle.getString(key) : fallback;
  }

  static String capitalised(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
