package dev.starling.engine.export;

import dev.starling.engine.report.ColumnType;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The cell styles of one workbook, made once (a workbook holds at most 64,000 styles, so never one per
 * cell). Number formats are Excel's built-in codes: Excel shows them with the reader's own digit
 * grouping and decimal mark, so a Spanish Excel shows 1.234 and 91,7 %.
 */
final class SheetStyles {
  final CellStyle header;
  final CellStyle text;
  final CellStyle integer;
  final CellStyle decimal;
  final CellStyle ratio;
  final CellStyle time;
  final CellStyle date;

  SheetStyles(Workbook wb) {
    Font bold = wb.createFont();
    bold.setBold(true);
    header = wb.createCellStyle();
    header.setFont(bold);
    text = wb.createCellStyle();
    integer = format(wb, "#,##0");
    decimal = format(wb, "#,##0.00");
    ratio = format(wb, "0.0%");
    time = format(wb, "yyyy-mm-dd hh:mm");
    date = format(wb, "yyyy-mm-dd");
  }

  CellStyle of(ColumnType type) {
    return switch (type) {
      case TEXT, EMAIL -> text;
      case INTEGER -> integer;
      case DECIMAL -> decimal;
      case RATIO -> ratio;
      case TIME -> time;
      case DATE -> date;
    };
  }

  private static CellStyle format(Workbook wb, String code) {
    CellStyle s = wb.createCellStyle();
    s.setDataFormat(wb.createDataFormat().getFormat(code));
    return s;
  }
}
