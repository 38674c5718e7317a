package dev.starling.connectors.spreadsheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.connectors.Format;
import dev.starling.connectors.ReadAll;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.UnreadableSourceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Bugs found by testing: a list that breaks down part way (a stray quote, a row over the size limit,
 * a sheet whose XML breaks off) was read up to the break and then ended as if complete; the rows
 * after it were lost unseen. Now the reader refuses the whole file with file:line and the reason.
 */
class SpreadsheetIntegrityTest {

  private static List<ReadResult> read(byte[] bytes, String name) throws IOException {
    return ReadAll.of(Format.SPREADSHEET.open(new ByteArrayInputStream(bytes), name));
  }

  @Test
  void anUnterminatedQuoteInASpreadsheetCsvDroppedTheRestOfTheList() {
    String csv = "Correo electrónico;Nombre;Empresa\r\nana@acme.es;Ana;Acme\r\nbo@acme.es;Bo;\"Acme; S.L.\r\n"
        + "cy@acme.es;Cy;Acme\r\ndi@acme.es;Di;Acme\r\n";
    UnreadableSourceException e = assertThrows(UnreadableSourceException.class,
        () -> read(csv.getBytes(StandardCharsets.UTF_8), "socios.csv"));
    assertEquals("socios.csv:3: a quote opened in column 3 is never closed (a stray quote?): "
        + "the rest of the file cannot be read as rows", e.getMessage());
  }

  @Test
  void aQuotedCellWithALineBreakIsStillOneRow() throws IOException {
    String csv = "email,first_name,company\r\nana@acme.es,Ana,\"Acme\r\nBarcelona\"\r\nbo@acme.es,Bo,Acme\r\n";
    assertEquals(List.of(
            new Subscriber("ana@acme.es", "Ana", null, "Acme\nBarcelona", null, null, List.of(), null),
            new Subscriber("bo@acme.es", "Bo", null, "Acme", null, null, List.of(), null)),
        read(csv.getBytes(StandardCharsets.UTF_8), "list.csv"));
  }

  @Test
  void aRowOverTheSizeLimitRefusesTheList() {
    String csv = "email;notes\nana@acme.es;" + "n".repeat(CsvTable.MAX_RECORD_CHARS + 1) + "\nbo@acme.es;x\n";
    UnreadableSourceException e = assertThrows(UnreadableSourceException.class,
        () -> read(csv.getBytes(StandardCharsets.UTF_8), "big.csv"));
    assertEquals("big.csv:2: a row runs past 1048576 characters (a stray quote?): "
        + "the rest of the file cannot be read as rows", e.getMessage());
  }

  @Test
  void anXlsxSheetWhoseXmlBreaksOffMidSheetDroppedTheRowsAfterIt() throws IOException {
    byte[] broken = cutSheetAfterRow(workbook(200), 120);
    UnreadableSourceException e = assertThrows(UnreadableSourceException.class, () -> read(broken, "socios.xlsx"));
    assertEquals(121, e.line());
    assertEquals(true, e.getMessage().startsWith("socios.xlsx:121: the sheet cannot be read past row 120 ("), e.getMessage());
    assertEquals(true, e.getMessage().endsWith("): the rest of the file cannot be read as rows"), e.getMessage());
  }

  /** A header row and {@code rows} subscribers, saved by POI's user model as Excel would. */
  private static byte[] workbook(int rows) throws IOException {
    try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      Sheet s = wb.createSheet("Socios");
      Row h = s.createRow(0);
      h.createCell(0).setCellValue("Email");
      h.createCell(1).setCellValue("Nombre");
      for (int i = 1; i <= rows; i++) {
        Row r = s.createRow(i);
        r.createCell(0).setCellValue("socio" + i + "@acme.es");
        r.createCell(1).setCellValue("Socio " + i);
      }
      wb.write(out);
      return out.toByteArray();
    }
  }

  /** The same zip with the worksheet XML cut inside the row after sheet row {@code row}, as a broken exporter leaves it. */
  private static byte[] cutSheetAfterRow(byte[] xlsx, int row) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(xlsx)); ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] data = in.readAllBytes();
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(data, StandardCharsets.UTF_8);
          int cut = xml.indexOf("<row r=\"" + (row + 1) + "\"");
          data = (xml.substring(0, cut) + "<row r=\"" + (row + 1) + "\"><c r=\"A" + (row + 1) + "\" t=\"inlineStr\"><is><t>soc")
              .getBytes(StandardCharsets.UTF_8);
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(data);
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
