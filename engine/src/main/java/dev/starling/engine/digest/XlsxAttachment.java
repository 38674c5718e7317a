package dev.starling.engine.digest;

import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes report tables as one .xlsx workbook (the digest's own writer, until the workbook exporter offers one), one sheet per table: a header row (frozen, with filters), numbers
 * as numbers, ratios as percentages, times as dates in the recipient's zone. Text that a spreadsheet could take
 * for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, CR first) is stored quote-prefixed: it shows as
 * written and stays text even when someone edits the cell (OWASP's advice on formula injection).
 */
final class XlsxAttachment {
  static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

  private XlsxAttachment() {}

  /**
   * @param header the header text of a column (its translated label)
   * @param sheetName the sheet name of a table
   */
  static byte[] write(List<Table> tables, ZoneId zone, Function<Column, String> header, Function<Table, String> sheetName) {
    // Streaming (SXSSF): rows go to a temporary file as they are written, so a salesperson with thousands of
    // suggestions costs neither the time nor the heap of a full XML tree (XSSF was 3/4 of the digest's time).
    SXSSFWorkbook wb = new SXSSFWorkbook(200);
    try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      CellStyle head = wb.createCellStyle();
      Font bold = wb.createFont();
      bold.setBold(true);
      head.setFont(bold);
      CellStyle quoted = wb.createCellStyle();
      quoted.setQuotePrefixed(true);
      CellStyle decimal = wb.createCellStyle();
      decimal.setDataFormat(wb.createDataFormat().getFormat("0.0"));
      CellStyle ratio = wb.createCellStyle();
      ratio.setDataFormat(wb.createDataFormat().getFormat("0.0%"));
      CellStyle time = wb.createCellStyle();
      time.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
      for (Table t : tables) {
        Sheet sheet = wb.createSheet(sheetName.apply(t));
        List<Column> cols = t.columns();
        Row hr = sheet.createRow(0);
        for (int i = 0; i < cols.size(); i++) {
          Cell c = hr.createCell(i);
          c.setCellValue(header.apply(cols.get(i)));
          c.setCellStyle(head);
          sheet.setColumnWidth(i, width(cols.get(i)) * 256);
        }
        int[] r = {0};
        t.forEachRow(values -> {
          Row row = sheet.createRow(++r[0]);
          for (int i = 0; i < cols.size(); i++) {
            Object v = values[i];
            if (v == null) {
              continue;
            }
            Cell c = row.createCell(i);
            switch (cols.get(i).type()) {
              case INTEGER -> c.setCellValue(((Number) v).doubleValue());
              case DECIMAL -> {
                c.setCellValue(((Number) v).doubleValue());
                c.setCellStyle(decimal);
              }
              case RATIO -> {
                c.setCellValue(((Number) v).doubleValue());
                c.setCellStyle(ratio);
              }
              case TIME -> {
                c.setCellValue(((Instant) v).atZone(zone).toLocalDateTime());
                c.setCellStyle(time);
              }
              case DATE -> {
                c.setCellValue((LocalDate) v);
                c.setCellStyle(date);
              }
              case TEXT, EMAIL -> {
                // CellText's cleaning (control characters, escape sequences, bidi overrides); its leading
                // apostrophe would show in Excel, so a formula-like cell is quote-prefixed by style instead.
                String s = CellText.forSpreadsheet("x" + v).substring(1);
                c.setCellValue(s);
                if (formulaLike(s)) {
                  c.setCellStyle(quoted);
                }
              }
            }
          }
        });
        sheet.createFreezePane(0, 1);
        if (r[0] > 0) {
          sheet.setAutoFilter(new CellRangeAddress(0, r[0], 0, cols.size() - 1));
        }
      }
      wb.write(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      wb.dispose();
      try {
        wb.close();
      } catch (IOException e) {
        // nothing to release beyond the temporary files dispose() removed
      }
    }
  }

  static boolean formulaLike(String s) {
    return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0;
  }

  private static int width(Column c) {
    return switch (c.type()) {
      case TEXT -> c.key().equals("reason") ? 60 : 22;
      case EMAIL -> 32;
      case TIME -> 17;
      case DATE -> 12;
      default -> Math.max(8, c.key().length() + 2);
    };
  }
}
