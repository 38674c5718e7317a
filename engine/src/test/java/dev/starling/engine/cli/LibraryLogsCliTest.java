package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user's terminal shows when a library has something to say: POI's zip-bomb text was five lines
 * and library log lines leaked to stderr. Run as a separate JVM on the application's own class path
 * (without the test resources, whose logging settings differ), as {@code ./starling} runs.
 */
class LibraryLogsCliTest {

  /** A one-row subscriber list whose sheet is padded with 40 MB of blanks: valid, and a zip bomb by ratio. */
  static Path bombWorkbook(Path file) throws IOException {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      Sheet sheet = wb.createSheet("Socios");
      Row h = sheet.createRow(0);
      h.createCell(0).setCellValue("Correo electrónico");
      h.createCell(1).setCellValue("Nombre");
      Row r = sheet.createRow(1);
      r.createCell(0).setCellValue("ana@example.es");
      r.createCell(1).setCellValue("Ana");
      wb.write(plain);
    }
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(plain.toByteArray()));
        ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
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
    return file;
  }

  /** {@code starling import FILE} in a JVM of its own; its stderr lines. */
  private static List<String> importErr(Path tmp, Path file, int exitCode) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
        .split(File.pathSeparator)).filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, Main.class.getName(),
        "import", file.toString(), "--data", tmp.resolve("data").toString())
        .redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile()).start();
    assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the import did not end");
    assertEquals(exitCode, p.exitValue(), Files.readString(tmp.resolve("out.txt")));
    return Files.readAllLines(tmp.resolve("err.txt"));
  }

  @Test
  void zipBombWorkbookPrintedFiveLinesOfPoiAndNowOneLineWithNoLibraryLogs(@TempDir Path tmp) throws Exception {
    Path xlsx = bombWorkbook(tmp.resolve("socios.xlsx"));
    assertEquals(List.of("starling: " + xlsx + ": is an .xlsx workbook with a part that expands more than 100 times when"
        + " unzipped, as a zip bomb does; refused; nothing of the file was imported"), importErr(tmp, xlsx, 1));
  }

  @Test
  void truncatedWorkbookLetPoiLogWarningsOnStderrAndNowOnlyStarlingsLineShows(@TempDir Path tmp) throws Exception {
    byte[] whole = Files.readAllBytes(bombWorkbook(tmp.resolve("whole.xlsx")));
    Path cut = Files.write(tmp.resolve("cortado.xlsx"), Arrays.copyOf(whole, whole.length * 2 / 3));
    // a damaged workbook is a rejected file (exit 0, said on stdout); stderr stays empty
    assertEquals(List.of(), importErr(tmp, cut, 0));
    assertTrue(Files.readString(tmp.resolve("out.txt")).contains("rejected cortado.xlsx: is not a readable .xlsx workbook:"
        + " the zip is damaged or cut short\n"), Files.readString(tmp.resolve("out.txt")));
  }
}
