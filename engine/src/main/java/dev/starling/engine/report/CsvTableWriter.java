package dev.starling.engine.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * CSV as RFC 4180 has it: a header row of column keys, CRLF after every record (the RFC's line break,
 * and what Excel writes; {@code lines()} and spreadsheet tools read it either way), a field quoted only
 * when it holds the separator, a quote, CR or LF. Text is neutralised by {@link CellText#forSpreadsheet}.
 *
 * <p>{@link Style#EXCEL_ES} is for a spreadsheet set to Spanish (or most of continental Europe): a UTF-8
 * byte order mark so accents survive, {@code ;} between fields because {@code ,} is the decimal mark
 * there, and decimals written with a comma so they arrive as numbers.
 */
public final class CsvTableWriter implements TableWriter {
  /** The two dialects we write. */
  public enum Style {
    RFC4180(',', '.', false),
    EXCEL_ES(';', ',', true);

    final char separator;
    final char decimalMark;
    final boolean bom;

    Style(char separator, char decimalMark, boolean bom) {
      this.separator = separator;
      this.decimalMark = decimalMark;
      this.bom = bom;
    }
  }

  /** Decimals and ratios keep this many places at most: the same figures as JSON. */
  static final int PLACES = 4;

  private final Style style;

  public CsvTableWriter(Style style) {
    this.style = style;
  }

  @Override
  public void write(Table table, PrintWriter out) {
    if (style.bom) {
      out.print('\uFEFF');
    }
    int n = table.columns().size();
    String[] header = new String[n];
    for (int i = 0; i < n; i++) {
      header[i] = table.columns().get(i).key();
    }
    record(out, header);
    String[] fields = new String[n];
    table.forEachRow(row -> {
      for (int i = 0; i < n; i++) {
        fields[i] = field(table.columns().get(i).type(), row[i]);
      }
      record(out, fields);
    });
    out.flush();
  }

  private void record(PrintWriter out, String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.print(style.separator);
      }
      out.print(quoted(fields[i]));
    }
    out.print("\r\n");
  }

  private String quoted(String field) {
    boolean quote = field.indexOf(style.separator) >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
        || field.indexOf('\n') >= 0;
    return quote ? '"' + field.replace("\"", "\"\"") + '"' : field;
  }

  private String field(ColumnType type, Object value) {
    if (value == null) {
      return "";
    }
    return switch (type) {
      case TEXT, EMAIL -> CellText.forSpreadsheet(value.toString());
      case INTEGER -> Long.toString(((Number) value).longValue());
      case DECIMAL, RATIO -> decimal(((Number) value).doubleValue()).replace('.', style.decimalMark);
      case TIME -> instant((Instant) value);
      case DATE -> value.toString();
    };
  }

  /**
   * At most {@link #PLACES} decimals, no trailing zeros, no exponent: {@code 0.9167}, {@code 1}. The digits
   * of {@link Double#toString} rounded half up, as {@link #decimalByBigDecimal} defines it, done on the
   * chars: the first thousands of calls of a run are interpreted, and the BigDecimal steps took 50 to 80 ms
   * of writing 1,500 stars. Values that {@code Double.toString} writes with an exponent (below 0.001, from
   * 10 million) go through BigDecimal.
   */
  static String decimal(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    String s = Double.toString(v);
    if (s.indexOf('E') >= 0) {
      return decimalByBigDecimal(v);
    }
    boolean negative = s.charAt(0) == '-';
    int dot = s.indexOf('.');
    StringBuilder digits = new StringBuilder(s.length()).append(s, negative ? 1 : 0, dot);
    int whole = digits.length();
    int cut = dot + 1 + PLACES;
    digits.append(s, dot + 1, Math.min(s.length(), cut));
    if (cut < s.length() && s.charAt(cut) >= '5') {
      int i = digits.length() - 1;
      while (i >= 0 && digits.charAt(i) == '9') {
        digits.setCharAt(i--, '0');
      }
      if (i < 0) {
        digits.insert(0, '1');
        whole++;
      } else {
        digits.setCharAt(i, (char) (digits.charAt(i) + 1));
      }
    }
    int end = digits.length();
    while (end > whole && digits.charAt(end - 1) == '0') {
      end--;
    }
    boolean zero = true;
    for (int i = 0; i < end && zero; i++) {
      zero = digits.charAt(i) == '0';
    }
    StringBuilder out = new StringBuilder(end + 2);
    if (negative && !zero) {
      out.append('-');
    }
    out.append(digits, 0, whole);
    if (end > whole) {
      out.append('.').append(digits, whole, end);
    }
    return out.toString();
  }

  /** {@link #decimal} by its definition. */
  static String decimalByBigDecimal(double v) {
    BigDecimal d = BigDecimal.valueOf(v).setScale(PLACES, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }

  /**
   * {@link Instant#toString()} (ISO-8601 in UTC: seconds always, then 3, 6 or 9 fraction digits when there is
   * a fraction), written out for the years 0 to 9999: the JDK's goes through a {@code DateTimeFormatter},
   * which took 40 ms of writing 1,500 stars. Other years take the JDK's way.
   */
  static String instant(Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < YEAR_0 || seconds >= YEAR_10000) {
      return t.toString();
    }
    LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
    int time = (int) Math.floorMod(seconds, 86_400);
    StringBuilder sb = new StringBuilder(30);
    digits(sb, day.getYear(), 4).append('-');
    digits(sb, day.getMonthValue(), 2).append('-');
    digits(sb, day.getDayOfMonth(), 2).append('T');
    digits(sb, time / 3600, 2).append(':');
    digits(sb, time / 60 % 60, 2).append(':');
    digits(sb, time % 60, 2);
    int nano = t.getNano();
    if (nano > 0) {
      sb.append('.');
      if (nano % 1_000_000 == 0) {
        digits(sb, nano / 1_000_000, 3);
      } else if (nano % 1_000 == 0) {
        digits(sb, nano / 1_000, 6);
      } else {
        digits(sb, nano, 9);
      }
    }
    return sb.append('Z').toString();
  }

  /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds. */
  private static final long YEAR_0 = -62_167_219_200L;
  private static final long YEAR_10000 = 253_402_300_800L;

  private static StringBuilder digits(StringBuilder sb, int value, int width) {
    String s = Integer.toString(value);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }
}
