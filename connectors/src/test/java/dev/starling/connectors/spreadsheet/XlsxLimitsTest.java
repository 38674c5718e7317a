package dev.starling.connectors.spreadsheet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.connectors.UnreadableSourceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .xlsx reader's limits: POI's zip-bomb guard in one line, and no temporary copy left behind. */
class XlsxLimitsTest {

  /** The socios workbook with 40 MB of blanks inside its sheet: valid XML, a thousandfold expansion. */
  static byte[] bomb() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(XlsxSpreadsheetTest.sociosWorkbook()));
        ZipOutputStream zip = new ZipOutputStream(out)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] data = in.readAllBytes();
        zip.putNextEntry(new ZipEntry(e.getName()));
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(data, StandardCharsets.UTF_8);
          int end = xml.lastIndexOf("</worksheet>");
          zip.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
          byte[] blanks = " ".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
          for (int i = 0; i < 640; i++) {
            zip.write(blanks);
          }
          zip.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
        } else {
          zip.write(data);
        }
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  @Test
  void zipBombWorkbookGaveFiveLinesOfPoiAdviceAndNowOneLine() throws IOException {
    try (SpreadsheetReader r = SpreadsheetReader.open(new ByteArrayInputStream(bomb()), "socios.xlsx")) {
      UnreadableSourceException e = assertThrows(UnreadableSourceException.class, () -> {
        while (r.next() != null) {
          // read until refused
        }
      });
      assertEquals("socios.xlsx: is an .xlsx workbook with a part that expands more than 100 times when unzipped,"
          + " as a zip bomb does; refused", e.getMessage());
    }
  }

  @Test
  void sheetCopyOfAKilledImportStayedInTheTempDirectoryAndIsNowRemovedAtStart(@TempDir Path tmp) throws IOException {
    long dead = 4_194_000L;
    while (ProcessHandle.of(dead).isPresent()) {
      dead++;
    }
    Path stale = Files.writeString(tmp.resolve(XlsxTable.TEMP_PREFIX + dead + "-123.xlsx"), "left by kill -9");
    Path live = Files.writeString(tmp.resolve(XlsxTable.TEMP_PREFIX + ProcessHandle.current().pid() + "-456.xlsx"), "in use");
    Path other = Files.writeString(tmp.resolve(XlsxTable.TEMP_PREFIX + "789.xlsx"), "older naming: not judged");
    assertEquals(1, XlsxTable.removeStale(tmp));
    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(live));
    assertTrue(Files.exists(other));
  }
}
