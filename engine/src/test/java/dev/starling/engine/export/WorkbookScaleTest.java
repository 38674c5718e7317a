package dev.starling.engine.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.campaigns.CampaignReport;
import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.KeyFigures;
import dev.starling.engine.campaigns.Counts;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.Listings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stars sheet streams: rows are made on the fly and never held, so the heap stays flat whatever the
 * row count. 20,000 rows by default (checked cell by cell); the figure for the note comes from
 * {@code ./mvnw -pl engine test -Dtest=WorkbookScaleTest -Dstarling.scale.rows=1000000
 * -Dsurefire.argLine="--enable-native-access=ALL-UNNAMED -Xmx512m"}, which prints time and peak heap.
 */
class WorkbookScaleTest {
  @TempDir Path tmp;

  /** {@code n} synthetic star rows in the stars table's columns, made one at a time. */
  static Table starRows(long n) {
    return new Table("stars", Listings.STAR_COLUMNS, sink -> {
      Object[] row = new Object[Listings.STAR_COLUMNS.size()];
      for (long i = 0; i < n; i++) {
        row[0] = "person" + i + "@company" + (i % 5000) + ".example";
        row[1] = "Person " + i;
        row[2] = "Company " + (i % 5000);
        row[3] = "ES";
        row[4] = 50;
        row[5] = 48;
        row[6] = 0.96;
        row[7] = 61;
        row[8] = (int) (i % 7);
        row[9] = (int) (i % 13);
        row[10] = Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i);
        row[11] = "active";
        sink.accept(row);
      }
    });
  }

  @Test
  void aLongStarsSheetIsStreamedWithTheHeapFlat() throws IOException, InterruptedException {
    long n = Long.getLong("starling.scale.rows", 20_000);
    Path file = tmp.resolve("stars.xlsx");
    CampaignReport empty = new CampaignReport(DateRange.ALL, ZoneId.of("UTC"), Period.MONTH, List.of(), List.of(), List.of());
    WorkbookExporter.Content content = new WorkbookExporter.Content(
        new KeyFigures(n, 0, Counts.ZERO, n, 0).table(k -> k), List.of(), empty, starRows(n),
        Table.of("leads", Listings.LEAD_COLUMNS, List.of()), Table.of("accounts", Listings.ACCOUNT_COLUMNS, List.of()));
    System.gc();
    AtomicLong peak = new AtomicLong();
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      Runtime rt = Runtime.getRuntime();
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long t0 = System.nanoTime();
    long cpu0 = threads.getCurrentThreadCpuTime();
    WorkbookExporter.Result r = WorkbookExporter.write(file, content, Locale.ENGLISH, ZoneId.of("UTC"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    sampler.interrupt();
    sampler.join();
    // CPU time beside wall time: on a shared machine the wall clock says more about the neighbours.
    System.out.printf(Locale.ROOT, "workbook with a %,d-row stars sheet: %.1f s (%.1f s CPU), peak heap %,d MB (max %,d MB),"
        + " file %,d KB%n", n, seconds, cpu, peak.get() >> 20, Runtime.getRuntime().maxMemory() >> 20, Files.size(file) >> 10);
    assertEquals(n, r.stars());
    if (n <= 100_000) {
      try (XSSFWorkbook wb = WorkbookExporterTest.read(file)) {
        XSSFSheet stars = wb.getSheet("Star subscribers");
        assertEquals(n, stars.getLastRowNum());
        assertEquals("person" + (n - 1) + "@company" + ((n - 1) % 5000) + ".example", stars.getRow((int) n).getCell(0).getStringCellValue());
        assertEquals(0.96, stars.getRow(1).getCell(6).getNumericCellValue());
        assertEquals("A1:L" + (n + 1), stars.getCTWorksheet().getAutoFilter().getRef());
      }
    }
  }
}
