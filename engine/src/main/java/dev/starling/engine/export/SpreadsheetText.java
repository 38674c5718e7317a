package dev.starling.engine.export;

import java.util.regex.Pattern;

/**
 * Text from imported data made harmless in a spreadsheet (OWASP "CSV injection"): control characters
 * other than tab, CR and LF removed, and a cell beginning with {@code =}, {@code +}, {@code -}, {@code @},
 * tab or CR gets a single quote in front so no spreadsheet ever reads it as a formula, even after a
 * copy-paste or a save as CSV.
 */
final class SpreadsheetText {
  private static final Pattern CONTROLS = Pattern.compile("[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]");

  private SpreadsheetText() {}

  static String of(String text) {
    String clean = CONTROLS.matcher(text).replaceAll("");
    if (!clean.isEmpty() && "=+-@\t\r".indexOf(clean.charAt(0)) >= 0) {
      return "'" + clean;
    }
    return clean;
  }
}
