package dev.starling.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a file can do to an import: each test is named after what happened before its limit. Big inputs
 * are generated here, never committed; each test takes a few seconds at most.
 */
@ExtendWith(DataDirExtension.class)
class ImportLimitsTest {

  private static final String SUBSCRIBERS_HEADER = "email,first_name,last_name,company,country,signup_at\n";

  /** A .gz of {@code header} then {@code line} repeated until {@code bytes} bytes, written as it is made. */
  private static Path gzipOf(Path file, String header, String line, long bytes) throws IOException {
    byte[] chunk = line.repeat(Math.max(1, (1 << 16) / line.length())).getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(header.getBytes(StandardCharsets.UTF_8));
      for (long n = 0; n < bytes; n += chunk.length) {
        out.write(chunk);
      }
    }
    return file;
  }

  private static List<String> rows(Starling s, String sql) {
    return StoreProbe.rows(s.store(), sql);
  }

  @Test
  @Timeout(20)
  void csvGzOfBlankLinesRanForMinutesWithNoOutputAndNowIsRefusedByTheRatioWithProgressMeanwhile(Starling s, DataDir dir)
      throws IOException {
    Path gz = gzipOf(dir.input("blank.csv.gz"), SUBSCRIBERS_HEADER, "\n", 400L << 20);
    List<long[]> progress = new ArrayList<>();
    ImportException e = assertThrows(ImportException.class,
        () -> s.importFile(gz, null, (bytes, total, rows) -> progress.add(new long[] {bytes, total, rows})));
    assertTrue(e.getMessage().matches("\\Q" + gz + ": decompresses to more than 100 times its size (16.\\E\\d MB from the first"
        + " \\d+(\\.\\d)? KB\\), as a decompression bomb does \\(import.max-expansion-ratio\\); refused; nothing of the file was"
        + " imported"), e.getMessage());
    assertEquals(List.of("0"), rows(s, "SELECT count(*) FROM imports"));
    assertEquals(List.of("0"), rows(s, "SELECT count(*) FROM subscribers"));
  }

  @Test
  void duplicateLinesCompressedAThousandTimesAreRefusedTooButAnOrdinaryGzipImports(Starling s, DataDir dir) throws IOException {
    Path dup = gzipOf(dir.input("dup.csv.gz"), SUBSCRIBERS_HEADER, "ana@example.com,Ana,Ruiz,Acme,ES,2025-01-01T00:00:00Z\n",
        200L << 20);
    ImportException e = assertThrows(ImportException.class, () -> s.importFile(dup, null, ImportListener.NONE));
    assertTrue(e.getMessage().contains("decompresses to more than 100 times its size"), e.getMessage());

    StringBuilder people = new StringBuilder(SUBSCRIBERS_HEADER);
    for (int i = 0; i < 2000; i++) {
      people.append("p").append(i).append("@example.com,P").append(i).append(",Q,Acme,ES,2025-01-01T00:00:00Z\n");
    }
    Path ok = dir.input("ok.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(ok))) {
      out.write(people.toString().getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(2000, s.importFile(ok, null, ImportListener.NONE).imported());
  }

  @Test
  @Timeout(20)
  void xlsxGzWroteATwoGigabyteTemporaryFileAndIsNowRefusedByTheRatioLeavingNoCopy(Starling s, DataDir dir) throws IOException {
    // what the sniffer sees of a workbook (a zip whose first entry is under xl/), then 400 MB of nothing
    Path gz = gzipOf(dir.input("list.xlsx.gz"), "PK\u0003\u0004xl/worksheets/sheet1.xml", "\u0000", 400L << 20);
    ImportException e = assertThrows(ImportException.class, () -> s.importFile(gz, null, ImportListener.NONE));
    assertTrue(e.getMessage().startsWith(gz + ": decompresses to more than 100 times its size"), e.getMessage());
    String mine = "starling-sheet-" + ProcessHandle.current().pid() + "-";
    try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      assertEquals(List.of(), left.filter(f -> f.getFileName().toString().startsWith(mine)).toList());
    }
  }

  @Test
  @Timeout(10)
  void devZeroHungTheImportAndIsNowRefusedAsNotARegularFile(Starling s) {
    Path zero = Path.of("/dev/zero");
    ImportException e = assertThrows(ImportException.class, () -> s.importFile(zero, null, ImportListener.NONE));
    assertEquals("/dev/zero: is not a regular file (a device or a pipe); Starling imports files only, nothing was read",
        e.getMessage());
  }

  @Test
  @Timeout(10)
  void fifoHungTheImportAndIsNowRefusedAsNotARegularFile(Starling s, DataDir dir) throws Exception {
    Path fifo = dir.input("events.fifo");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mk.waitFor(5, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo failed");
    ImportException e = assertThrows(ImportException.class, () -> s.importFile(fifo, null, ImportListener.NONE));
    assertEquals(fifo + ": is not a regular file (a device or a pipe); Starling imports files only, nothing was read",
        e.getMessage());
  }

  @Test
  void directoryIsRefusedInOneLine(Starling s, DataDir dir) throws IOException {
    Path d = Files.createDirectories(dir.input("folder"));
    ImportException e = assertThrows(ImportException.class, () -> s.importFile(d, null, ImportListener.NONE));
    assertEquals(d + ": is not a regular file (a directory); Starling imports files only, nothing was read", e.getMessage());
  }

  @Test
  void fullDiskWasReportedAsCannotCommitNoTransactionIsActiveAndNowNamesTheDiskAndTheFile(Starling s, DataDir dir)
      throws IOException {
    StringBuilder people = new StringBuilder(SUBSCRIBERS_HEADER);
    for (int i = 0; i < 20_000; i++) {
      people.append("person").append(i).append("@example.com,Person,Number").append(i).append(",Acme,ES,2025-01-01T00:00:00Z\n");
    }
    Path csv = Files.writeString(dir.input("people.csv"), people);
    StoreProbe.fillDiskAfter(s.store(), 20);
    ImportException e = assertThrows(ImportException.class, () -> s.importFile(csv, null, ImportListener.NONE));
    assertEquals("the disk holding " + dir.data().toAbsolutePath() + " is full; nothing from " + csv + " was imported",
        e.getMessage());
    assertEquals(List.of("0"), rows(s, "SELECT count(*) FROM imports"));
    assertEquals(List.of("0"), rows(s, "SELECT count(*) FROM subscribers"));
  }
}
