package dev.starling.connectors.spreadsheet;

import static dev.starling.connectors.ReadAll.millis;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxSpreadsheetTest {

  /** Written with POI's user model, as Excel would save it: title, blank row, header, data, totals. */
  static byte[] sociosWorkbook() throws IOException {
    try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet s = wb.createSheet("Socios");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
      s.createRow(0).createCell(0).setCellValue("Altas de socios 2025");
      Row h = s.createRow(2);
      String[] header = {"Correo electrónico", "Nombre", "Apellidos", "Empresa", "País", "Fecha de alta", "Etiquetas"};
      for (int i = 0; i < header.length; i++) {
        h.createCell(i).setCellValue(header[i]);
      }
      Row r = s.createRow(3);
      r.createCell(0).setCellValue("José.Núñez@Example.es");
      r.createCell(1).setCellValue("José");
      r.createCell(2).setCellValue("Núñez");
      r.createCell(4).setCellValue("España");
      r.createCell(5).setCellValue(LocalDate.of(2025, 2, 14));
      r.getCell(5).setCellStyle(date);
      r.createCell(6).setCellValue("vip;feria");
      r = s.createRow(4);
      r.createCell(0).setCellValue("ana@acme.es");
      r.createCell(1).setCellValue("Ana");
      r.createCell(3).setCellValue("Acme");
      r.createCell(5).setCellValue(45703); // a serial typed into a General cell
      r = s.createRow(5);
      r.createCell(0).setCellValue("luis@acme.es");
      r.createCell(5).setCellValue("16/02/2025");
      r = s.createRow(6);
      r.createCell(0).setCellValue("no-es-un-email");
      r.createCell(1).setCellValue("Pedro");
      r = s.createRow(9);
      r.createCell(0).setCellValue("");
      r.createCell(1).setCellValue("Total");
      r.createCell(2).setCellFormula("3");
      wb.createSheet("Notas").createRow(0).createCell(0).setCellValue("email");
      wb.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void readsFirstSheetWithTitleRowDatesAndTotals() throws IOException {
    List<ReadResult> got = ReadAll.of(Format.SPREADSHEET.open(new ByteArrayInputStream(sociosWorkbook()), "socios.xlsx"));
    assertEquals(List.of(
        new Subscriber("josé.núñez@example.es", "José", "Núñez", null, "España",
            millis("2025-02-14T00:00:00Z"), List.of("vip", "feria"), null),
        new Subscriber("ana@acme.es", "Ana", null, "Acme", null, millis("2025-02-15T00:00:00Z"), List.of(), null),
        new Subscriber("luis@acme.es", null, null, null, null, millis("2025-02-16T00:00:00Z"), List.of(), null),
        new Rejection("socios.xlsx", 7,
            "column 'Correo electrónico' must look like name@example.com but was 'no-es-un-email'",
            "no-es-un-email,Pedro")),
        got);
  }

  @Test
  void detectsXlsxFromItsZipEntries() throws IOException {
    byte[] head = Arrays.copyOf(sociosWorkbook(), 8192);
    assertEquals(Optional.of(Format.SPREADSHEET), Format.detect(head));
  }

  @Test
  void streamsALargeSheetWrittenWithSxssf() throws IOException {
    int n = 100_000;
    byte[] xlsx;
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet s = wb.createSheet("Export");
      Row h = s.createRow(0);
      h.createCell(0).setCellValue("Email");
      h.createCell(1).setCellValue("First Name");
      for (int i = 1; i <= n; i++) {
        Row r = s.createRow(i);
        r.createCell(0).setCellValue("user" + i + "@example.com");
        r.createCell(1).setCellValue("User " + i);
      }
      wb.write(out);
      wb.dispose();
      xlsx = out.toByteArray();
    }
    try (var reader = SpreadsheetReader.open(new ByteArrayInputStream(xlsx), "big.xlsx")) {
      long count = 0;
      ReadResult last = null;
      for (ReadResult r = reader.next(); r != null; r = reader.next()) {
        count++;
        last = r;
      }
      assertEquals(n, count);
      assertEquals(new Subscriber("user100000@example.com", "User 100000", null, null, null, null, List.of(), null), last);
    }
  }

  @Test
  void closingEarlyStopsTheParserThread() throws IOException {
    var reader = SpreadsheetReader.open(new ByteArrayInputStream(sociosWorkbook()), "socios.xlsx");
    reader.next();
    reader.close();
    assertEquals(0, Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("xlsx-rows socios.xlsx") && t.isAlive()).count());
  }

  @Test
  void brokenZipAndOldXlsAreOneRejectionEach() throws IOException {
    byte[] truncated = Arrays.copyOf(sociosWorkbook(), 600);
    List<ReadResult> got = ReadAll.of(SpreadsheetReader.open(new ByteArrayInputStream(truncated), "cut.xlsx"));
    assertEquals(1, got.size());
    Rejection r = (Rejection) got.get(0);
    assertEquals("cut.xlsx", r.source());
    assertEquals(0, r.line());
    assertEquals(true, r.reason().startsWith("is not a readable .xlsx"), r.reason());

    byte[] xls = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
    assertEquals(List.of(new Rejection("old.xls", 0,
            "is an old binary Excel workbook (.xls), which is not read: save it as .xlsx or CSV UTF-8", "")),
        ReadAll.of(SpreadsheetReader.open(new ByteArrayInputStream(xls), "old.xls")));
  }
}
