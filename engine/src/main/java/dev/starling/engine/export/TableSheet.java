package dev.starling.engine.export;

import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;

/**
 * Writes one report {@link Table} as sheets: a bold, frozen header row with an autofilter, typed cells
 * (numbers as numbers with their format, times as Excel dates in the report's zone, text neutralised)
 * and column widths from the longest value seen. Works on streaming (SXSSF) and in-memory (XSSF) sheets
 * alike: rows are written once, in order, and widths are set at the end from what was counted on the way.
 * A table longer than a sheet (1,048,575 rows under the header) continues on a sheet named "... (2)".
 */
final class TableSheet {
  /** Excel's widest useful column, in characters; longer text wraps off-screen anyway. */
  private static final int MAX_WIDTH = 60;
  /** Excel refuses longer cell text. */
  private static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
  static final int MAX_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();

  private final Workbook wb;
  private final SheetStyles styles;
  private final SheetLabels labels;
  private final ZoneId zone;

  TableSheet(Workbook wb, SheetStyles styles, SheetLabels labels, ZoneId zone) {
    this.wb = wb;
    this.styles = styles;
    this.labels = labels;
    this.zone = zone;
  }

  /** What was written: the first sheet and the number of data rows (all sheets together). */
  record Written(Sheet sheet, long rows) {}

  /**
   * Writes {@code table} on a new sheet (named after the table in the workbook's language).
   *
   * @param filter whether to add the autofilter (a list, yes; the summary's few figures, no)
   */
  Written write(Table table, boolean filter) {
    String name = labels.sheet(table.name());
    List<Column> cols = table.columns();
    // Rows arrive from the store one at a time; the state holds the current sheet between them.
    State st = new State();
    st.sheet = newSheet(name, cols);
    st.first = st.sheet;
    st.widths = headerWidths(cols);
    st.row = 1;
    table.forEachRow(cells -> {
      if (st.row == MAX_ROWS) {
        finish(st.sheet, cols, st.widths, st.row, filter);
        st.part++;
        st.sheet = newSheet(name + " (" + st.part + ")", cols);
        st.widths = headerWidths(cols);
        st.row = 1;
      }
      Row row = st.sheet.createRow(st.row++);
      for (int i = 0; i < cols.size(); i++) {
        Object v = cells[i];
        if (v != null) {
          st.widths[i] = Math.max(st.widths[i], cell(row.createCell(i), cols.get(i), v));
        }
      }
      st.total++;
    });
    finish(st.sheet, cols, st.widths, st.row, filter);
    return new Written(st.first, st.total);
  }

  private static final class State {
    Sheet sheet;
    Sheet first;
    int[] widths;
    int row;
    int part = 1;
    long total;
  }

  private Sheet newSheet(String name, List<Column> cols) {
    Sheet sheet = wb.createSheet(WorkbookUtil.createSafeSheetName(name));
    Row header = sheet.createRow(0);
    for (int i = 0; i < cols.size(); i++) {
      Cell c = header.createCell(i);
      c.setCellValue(labels.header(cols.get(i).key()));
      c.setCellStyle(styles.header);
    }
    sheet.createFreezePane(0, 1);
    return sheet;
  }

  private int[] headerWidths(List<Column> cols) {
    int[] w = new int[cols.size()];
    for (int i = 0; i < cols.size(); i++) {
      w[i] = labels.header(cols.get(i).key()).length() + 3; // room for the filter button
    }
    return w;
  }

  private static void finish(Sheet sheet, List<Column> cols, int[] widths, int rows, boolean filter) {
    if (filter && !cols.isEmpty()) {
      sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, rows - 1), 0, cols.size() - 1));
    }
    for (int i = 0; i < cols.size(); i++) {
      sheet.setColumnWidth(i, (Math.min(MAX_WIDTH, widths[i]) + 1) * 256);
    }
  }

  /** Writes one value; returns its width in characters as shown. */
  private int cell(Cell c, Column col, Object v) {
    c.setCellStyle(styles.of(col.type()));
    switch (col.type()) {
      case TEXT, EMAIL -> {
        String s = CellText.forSpreadsheet((String) v);
        if (s.length() > MAX_TEXT) {
          s = s.substring(0, MAX_TEXT - 1) + "…";
        }
        c.setCellValue(s);
        return s.length();
      }
      case INTEGER -> {
        long n = ((Number) v).longValue();
        c.setCellValue((double) n);
        int digits = Long.toString(Math.abs(n)).length();
        return digits + (digits - 1) / 3 + (n < 0 ? 1 : 0);
      }
      case DECIMAL -> {
        double d = ((Number) v).doubleValue();
        c.setCellValue(d);
        return Long.toString((long) Math.abs(d)).length() + 4;
      }
      case RATIO -> {
        c.setCellValue(((Number) v).doubleValue());
        return 6;
      }
      case TIME -> {
        c.setCellValue(((Instant) v).atZone(zone).toLocalDateTime());
        return 16;
      }
      case DATE -> {
        c.setCellValue((LocalDate) v);
        return 10;
      }
      default -> throw new IllegalStateException("unknown column type " + col.type());
    }
  }
}
