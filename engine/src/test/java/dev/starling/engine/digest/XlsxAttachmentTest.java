package dev.starling.engine.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxAttachmentTest {
  @Test
  void hostileTextStaysTextNumbersStayNumbersTimesAreLocal() throws Exception {
    List<Column> cols = List.of(Column.of("name", ColumnType.TEXT), Column.of("score", ColumnType.DECIMAL),
        Column.of("open_ratio", ColumnType.RATIO), Column.of("last_activity", ColumnType.TIME));
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"=HYPERLINK(\"http://evil.example\",\"click\")", -1.5, 0.875, Instant.parse("2026-12-02T23:30:00Z")});
    rows.add(new Object[] {"-2+3", null, null, null});
    rows.add(new Object[] {"Ana \u001b[31mred\u001b[0m", 2.0, 1.0, null});
    byte[] bytes = XlsxAttachment.write(List.of(Table.of("t", cols, rows)), ZoneId.of("Europe/Madrid"), c -> c.key().toUpperCase(),
        t -> "sheet " + t.name());
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
      Sheet s = wb.getSheet("sheet t");
      assertEquals("NAME", s.getRow(0).getCell(0).getStringCellValue());
      Cell formula = s.getRow(1).getCell(0);
      assertEquals(CellType.STRING, formula.getCellType());
      assertEquals("=HYPERLINK(\"http://evil.example\",\"click\")", formula.getStringCellValue());
      assertEquals(true, formula.getCellStyle().getQuotePrefixed());
      assertEquals(-1.5, s.getRow(1).getCell(1).getNumericCellValue());
      assertEquals(0.875, s.getRow(1).getCell(2).getNumericCellValue());
      assertEquals("0.0%", s.getRow(1).getCell(2).getCellStyle().getDataFormatString());
      assertEquals(LocalDateTime.of(2026, 12, 3, 0, 30), s.getRow(1).getCell(3).getLocalDateTimeCellValue());
      assertEquals("-2+3", s.getRow(2).getCell(0).getStringCellValue());
      assertEquals(true, s.getRow(2).getCell(0).getCellStyle().getQuotePrefixed());
      assertEquals(null, s.getRow(2).getCell(1));
      assertEquals("Ana red", s.getRow(3).getCell(0).getStringCellValue());
      assertEquals(false, s.getRow(3).getCell(0).getCellStyle().getQuotePrefixed());
    }
  }
}
