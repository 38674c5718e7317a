package dev.starling.engine.report;

import java.io.PrintWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A table for people on a terminal: a header row of translated labels, then the rows; numbers
 * right-aligned and grouped in the reader's language ({@code 1,234} / {@code 1.234}), ratios as
 * percentages ({@code 91.7%} / {@code 91,7 %}), times in the reader's zone, and no line longer than
 * {@link Presentation#width()}.
 *
 * <p>Fitting, in this order, until the table fits: headers wrap at spaces ({@code human opens} over
 * two lines above a column of small numbers); the widest TEXT or EMAIL column gives up one character
 * at a time, TEXT down to {@value #MIN_TEXT} and EMAIL down to {@value #MIN_EMAIL}; then whole columns
 * are left out from the right, and a last line names them and how to see them. Text that no longer
 * fits wraps at spaces onto continuation lines, so a lead's reason stays whole; an email address,
 * which must not break, is cut with {@code …}. Widths count UTF-16 units of text already cleaned by
 * {@link CellText}; East Asian wide characters are counted as one.
 */
public final class TerminalTableWriter implements TableWriter {
  static final int MIN_TEXT = 12;
  static final int MIN_EMAIL = 24;
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
    int[] headerWidth = new int[n];
    for (int i = 0; i < n; i++) {
      header[i] = CellText.forTerminal(labels.column(columns.get(i).key()));
      headerWidth[i] = Arrays.stream(header[i].split(" ")).mapToInt(String::length).max().orElse(0);
    }
    List<String[]> rows = new ArrayList<>();
    int[] content = new int[n];
    table.forEachRow(row -> {
      String[] cells = new String[n];
      for (int i = 0; i < n; i++) {
        cells[i] = cell(columns.get(i).type(), row[i]);
        content[i] = Math.max(content[i], cells[i].length());
      }
      rows.add(cells);
    });
    for (int i = 0; i < n; i++) {
      // A header wraps only when its column is narrower than it: short tables keep one header line.
      width[i] = Math.max(content[i], header[i].length());
    }
    int shown = fit(columns, width, content, headerWidth);
    line(out, columns, width, header, shown, true);
    for (String[] cells : rows) {
      line(out, columns, width, cells, shown, false);
    }
    if (shown < n) {
      List<String> hidden = new ArrayList<>();
      for (int i = shown; i < n; i++) {
        hidden.add(columns.get(i).key());
      }
      String note = "(" + Count.of(n - shown, "more column") + ": " + String.join(", ", hidden)
          + "; see them with --width or --format csv)";
      for (String piece : pieces(ColumnType.TEXT, note, presentation.width())) {
        out.print(piece + "\n");
      }
    }
    out.flush();
  }

  /** Narrows columns (see the class comment) and returns how many of them, from the left, are shown. */
  private int fit(List<Column> columns, int[] width, int[] content, int[] headerWidth) {
    int n = width.length;
    for (int i = 0; i < n; i++) {
      if (total(width, n) <= presentation.width()) {
        return n;
      }
      width[i] = Math.max(content[i], headerWidth[i]);
    }
    while (total(width, n) > presentation.width()) {
      int widest = -1;
      for (int i = 0; i < n; i++) {
        if (width[i] > floor(columns.get(i).type(), content[i], headerWidth[i]) && (widest < 0 || width[i] > width[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        break;
      }
      width[widest]--;
    }
    int shown = n;
    while (shown > 1 && total(width, shown) > presentation.width()) {
      shown--;
    }
    if (total(width, shown) > presentation.width()) {
      width[0] = presentation.width(); // one column wider than the terminal: it wraps or is cut to fit
    }
    return shown;
  }

  private static int floor(ColumnType type, int content, int headerWidth) {
    return switch (type) {
      case TEXT -> Math.max(headerWidth, Math.min(content, MIN_TEXT));
      case EMAIL -> Math.max(headerWidth, Math.min(content, MIN_EMAIL));
      default -> Integer.MAX_VALUE; // numbers and times are never narrowed
    };
  }

  private static int total(int[] width, int shown) {
    int t = (shown - 1) * GAP.length();
    for (int i = 0; i < shown; i++) {
      t += width[i];
    }
    return t;
  }

  /** Prints one row, on as many lines as its wrapped cells need. */
  private void line(PrintWriter out, List<Column> columns, int[] width, String[] cells, int shown, boolean header) {
    List<List<String>> parts = new ArrayList<>();
    int lines = 1;
    for (int i = 0; i < shown; i++) {
      List<String> p = pieces(header ? ColumnType.TEXT : columns.get(i).type(), cells[i], width[i]);
      parts.add(p);
      lines = Math.max(lines, p.size());
    }
    for (int l = 0; l < lines; l++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < shown; i++) {
        // A wrapped header ends on the line right above the cells, as every header does.
        int first = header ? lines - parts.get(i).size() : 0;
        String s = l >= first && l - first < parts.get(i).size() ? parts.get(i).get(l - first) : "";
        if (i > 0) {
          sb.append(GAP);
        }
        if (right(columns.get(i).type())) {
          sb.append(" ".repeat(width[i] - s.length())).append(s);
        } else {
          sb.append(s).append(" ".repeat(width[i] - s.length()));
        }
      }
      out.print(sb.toString().stripTrailing());
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
        out.add(rest.substring(0, width)); // one word longer than the column: break it
        rest = rest.substring(width);
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
