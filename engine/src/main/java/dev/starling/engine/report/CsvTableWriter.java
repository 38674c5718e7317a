package dev.starling.engine.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

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
      case TIME -> ((Instant) value).toString();
      case DATE -> value.toString();
    };
  }

  /** At most {@link #PLACES} decimals, no trailing zeros, no exponent: {@code 0.9167}, {@code 1}. */
  static String decimal(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    BigDecimal d = BigDecimal.valueOf(v).setScale(PLACES, RoundingMode.HALF_UP).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
