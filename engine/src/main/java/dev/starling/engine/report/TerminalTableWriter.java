package dev.starling.engine.report;

import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table for people on a terminal: a header row of translated labels, then one row per line; numbers
 * right-aligned and grouped in the reader's language ({@code 1,234} / {@code 1.234}), ratios as
 * percentages ({@code 91.7%} / {@code 91,7 %}), times in the reader's zone, and no line longer than
 * {@link Presentation#width()}.
 *
 * <p>Fitting: while the table is too wide, the widest TEXT or EMAIL column gives up one character
 * (never below {@value #MIN_COLUMN}). Text that no longer fits wraps at spaces onto continuation lines,
 * so a lead's reason stays whole; an email address, which must not break, is cut with {@code …}. When
 * even that is not enough (many number columns on a narrow terminal), lines are cut at the width.
 * Widths count UTF-16 units of text already cleaned by {@link CellText}; East Asian wide characters
 * are counted as one.
 */
public final class TerminalTableWriter implements TableWriter {
  static final int MIN_COLUMN = 8;
  private static final String GAP = "  ";

  private final Presentation presentation;

  public TerminalTableWriter(Presentation presentation) {
    this.presentation = presentation;
  }

  @Override
  public void write(Table table, PrintWriter out) {
    List<Column> columns = table.columns();
    int n = columns.size();
    Labels labels = presentation.labels();
    String[] header = new String[n];
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      header[i] = CellText.forTerminal(labels.column(columns.get(i).key()));
      width[i] = header[i].length();
    }
    List<String[]> rows = new ArrayList<>();
    table.forEachRow(row -> {
      String[] cells = new String[n];
      for (int i = 0; i < n; i++) {
        cells[i] = cell(columns.get(i).type(), row[i]);
        width[i] = Math.max(width[i], cells[i].length());
      }
      rows.add(cells);
    });
    fit(columns, width);
    line(out, columns, width, header);
    for (String[] cells : rows) {
      line(out, columns, width, cells);
    }
    out.flush();
  }

  /** Narrows the widest text columns until the row fits, or nothing text-like is left to narrow. */
  private void fit(List<Column> columns, int[] width) {
    int total = (width.length - 1) * GAP.length();
    for (int w : width) {
      total += w;
    }
    while (total > presentation.width()) {
      int widest = -1;
      for (int i = 0; i < width.length; i++) {
        boolean text = columns.get(i).type() == ColumnType.TEXT || columns.get(i).type() == ColumnType.EMAIL;
        if (text && width[i] > MIN_COLUMN && (widest < 0 || width[i] > width[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        return;
      }
      width[widest]--;
      total--;
    }
  }

  /** Prints one row, on as many lines as its wrapped cells need. */
  private void line(PrintWriter out, List<Column> columns, int[] width, String[] cells) {
    List<List<String>> parts = new ArrayList<>();
    int lines = 1;
    for (int i = 0; i < cells.length; i++) {
      List<String> p = pieces(columns.get(i).type(), cells[i], width[i]);
      parts.add(p);
      lines = Math.max(lines, p.size());
    }
    for (int l = 0; l < lines; l++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        String s = l < parts.get(i).size() ? parts.get(i).get(l) : "";
        if (i > 0) {
          sb.append(GAP);
        }
        if (right(columns.get(i).type())) {
          sb.append(" ".repeat(width[i] - s.length())).append(s);
        } else {
          sb.append(s).append(" ".repeat(width[i] - s.length()));
        }
      }
      String text = sb.toString().stripTrailing();
      if (text.length() > presentation.width()) {
        text = text.substring(0, presentation.width() - 1) + "…";
      }
      out.print(text);
      out.print('\n');
    }
  }

  /** A cell cut into lines of at most {@code width}: text wraps at spaces, anything else is cut with "…". */
  static List<String> pieces(ColumnType type, String cell, int width) {
    if (cell.length() <= width) {
      return List.of(cell);
    }
    if (type != ColumnType.TEXT) {
      return List.of(cell.substring(0, width - 1) + "…");
    }
    List<String> out = new ArrayList<>();
    String rest = cell;
    while (rest.length() > width) {
      int cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) {
        cut = width; // one word longer than the column: break it
        out.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      } else {
        out.add(rest.substring(0, cut));
        rest = rest.substring(cut + 1);
      }
    }
    out.add(rest);
    return out;
  }

  private static boolean right(ColumnType type) {
    return type == ColumnType.INTEGER || type == ColumnType.DECIMAL || type == ColumnType.RATIO;
  }

  /** One cell as the reader sees it; {@code null} is empty. */
  String cell(ColumnType type, Object value) {
    if (value == null) {
      return "";
    }
    Locale locale = presentation.locale();
    return switch (type) {
      case TEXT, EMAIL -> CellText.forTerminal(value.toString());
      case INTEGER -> number("#,##0", locale).format(((Number) value).longValue());
      case DECIMAL -> number("#,##0.##", locale).format(((Number) value).doubleValue());
      case RATIO -> percent(((Number) value).doubleValue(), locale);
      case TIME -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
          .format(((Instant) value).atZone(presentation.zone()));
      case DATE -> ((LocalDate) value).toString();
    };
  }

  /** {@code 91.7%} in English, {@code 91,7 %} in Spanish (the RAE and CLDR put a space before the sign). */
  static String percent(double ratio, Locale locale) {
    String number = number("#,##0.0", locale).format(ratio * 100);
    return locale.getLanguage().equals("es") ? number + " %" : number + "%";
  }

  private static DecimalFormat number(String pattern, Locale locale) {
    // java.text groups every thousand, also in Spanish (CLDR's minimum grouping of 2 is not applied),
    // which is what we want: 1.234 beside 12.345 reads consistently.
    return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(locale));
  }
}
