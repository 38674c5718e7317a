package dev.starling.engine.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.starling.connectors.Times;
import dev.starling.engine.app.Starling;
import dev.starling.engine.leads.FeatureBinding;
import dev.starling.engine.leads.finder.LeadFinder;
import dev.starling.engine.store.FeatureTables;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Features;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import java.io.StringWriter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.ingest.ImportSummary;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measures the main job at scale. The last campaign's events are split off and imported separately
 * into the loaded store, to measure the weekly import users actually run.
 */
public final class Benchmark {
  private Benchmark() {}

  /** Runs the benchmark in {@code workDir} (created if needed) and prints a report to {@code out}. */
  public static void run(DatasetSpec spec, Path workDir, PrintWriter out) throws IOException {
    out.printf("Starling benchmark: %,d subscribers x %,d campaigns (seed %d), JVM max heap %,d MB, %d cores%n",
        spec.subscribers(), spec.campaigns(), spec.seed(), Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    out.flush();
    Path data = workDir.resolve("data");
    Path input = workDir.resolve("input");
    long t0 = System.nanoTime();
    DatasetSummary gen = DatasetGenerator.generate(spec, input);
    double genS = secs(t0);
    String lastCampaign = String.format(java.util.Locale.ROOT, "nl-%03d", spec.campaigns());
    Path history = input.resolve("events-history.csv");
    Path week = input.resolve("events-week.csv");
    long weekRows = split(gen.eventsFile(), lastCampaign, history, week);
    Files.delete(gen.eventsFile());
    out.printf("generate:        %,d events in %.1f s (%s of CSV)%n", gen.events(), genS, mb(size(history) + size(week)));
    out.flush();

    resetPeaks();
    // A clock fixed after the generated data ends: scores, recency and the leads' week are computed as of
    // the clock when the data reaches past it, so with the system clock two runs minutes apart counted
    // different matches and leads (generated data ends in the weeks after its first send's year).
    Clock clock = Clock.fixed(spec.firstSend().plus(java.time.Duration.ofDays(7L * spec.campaigns() + 14)),
        java.time.ZoneOffset.UTC);
    try (Starling s = Starling.create(data, clock)) {
      t0 = System.nanoTime();
      s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
      s.importFile(gen.campaignsFile(), null, ImportListener.NONE);
      double listS = secs(t0);
      t0 = System.nanoTime();
      ImportSummary ev = s.importFile(history, null, ImportListener.NONE);
      double evS = secs(t0);
      out.printf("import list:     %,d subscribers + %,d campaigns in %.2f s%n", gen.subscribers(), gen.campaigns(), listS);
      out.printf("import events:   %,d events in %.2f s = %,.0f events/s (rejected %,d)%n",
          ev.rowsRead(), evS, ev.rowsRead() / evS, ev.rejected());
      out.flush();
      t0 = System.nanoTime();
      s.refreshFeatures();
      double featS = secs(t0);
      out.printf("features:        %,d subscribers replayed in %.2f s%n", gen.subscribers(), featS);
      t0 = System.nanoTime();
      List<Star> stars = s.stars(StarCriteria.DEFAULTS, 0);
      double starS = secs(t0);
      out.printf("stars query:     %,d stars in %.3f s%n", stars.size(), starS);
      out.flush();

      t0 = System.nanoTime();
      ImportSummary wk = s.importFile(week, null, ImportListener.NONE);
      double wkImport = secs(t0);
      long t1 = System.nanoTime();
      s.refreshFeatures();
      double wkFeat = secs(t1);
      stars = s.stars(StarCriteria.DEFAULTS, 0);
      out.printf("weekly import:   1 campaign, %,d events in %.2f s + features %.2f s = %.2f s%n",
          wkImport > 0 ? wk.rowsRead() : weekRows, wkImport, wkFeat, wkImport + wkFeat);
      double total = listS + evS + featS + starS + wkImport + wkFeat;
      out.printf("end to end:      %,d events imported and stars found in %.1f s%n", gen.events(), total);
      rules(s, out);
      Set<String> truth = new HashSet<>(Files.readAllLines(input.resolve(DatasetGenerator.STARS_TRUTH)));
      Set<String> found = new HashSet<>();
      stars.forEach(st -> found.add(st.email()));
      out.printf("correctness:     %,d stars found, ground truth %,d, %s%n", found.size(), truth.size(),
          found.equals(truth) ? "identical" : "DIFFERENT");
    }
    out.printf("peak heap:       %s (sampled; includes uncollected garbage)%n", mb(peakHeap()));
    out.printf("store size:      %s (%s)%n", mb(dirSize(data)), data.resolve("starling.db"));
    out.flush();
    formats(workDir, history, out);
  }

  /** The default rule pack over the stored features: 1,000,000 evaluations, then the whole leads run. */
  private static void rules(Starling s, PrintWriter out) {
    RuleBook book = RuleBook.defaults(FeatureSchema.standard());
    List<Features> all = new ArrayList<>();
    FeatureBinding bind = new FeatureBinding(FeatureSchema.standard());
    new FeatureTables(s.store()).forEachSubscriber(f -> all.add(bind.subscriber(f)));
    int passes = Math.max(1, (1_000_000 + all.size() - 1) / all.size());
    long cold = System.nanoTime();
    for (Features f : all) {
      book.evaluate(f); // the first pass includes compiling the hot paths (JIT)
    }
    out.printf("rules (cold):    first pass over %,d subscribers in %.2f s%n", all.size(), secs(cold));
    long matches = 0;
    long t0 = System.nanoTime();
    for (int p = 0; p < passes; p++) {
      for (Features f : all) {
        matches += book.evaluate(f).size();
      }
    }
    double secs = secs(t0);
    out.printf("rules:           %,d subscriber evaluations of the default pack (%d rules) in %.2f s = %.0f ns each (%,d matches)%n",
        (long) passes * all.size(), book.rules(Subject.SUBSCRIBER).size(), secs, secs * 1e9 / ((long) passes * all.size()), matches);
    t0 = System.nanoTime();
    LeadFinder.Run run = s.suggestLeads();
    out.printf("leads:           %,d suggestions for %s from %,d subscribers and %,d accounts in %.2f s%n",
        run.leads().size(), run.week(), run.subscribers(), run.accounts(), secs(t0));
    out.flush();
  }

  /**
   * Per-format ingest into fresh stores: the events as a SendGrid Event Webhook log (NDJSON) and a
   * 100,000-row subscriber sheet (.xlsx), each with its own peak heap.
   */
  private static void formats(Path workDir, Path canonicalEvents, PrintWriter out) throws IOException {
    Path sendgrid = workDir.resolve("input/sendgrid.ndjson");
    long written = toSendGrid(canonicalEvents, sendgrid, 2_000_000);
    resetPeaks();
    try (Starling s = Starling.create(workDir.resolve("data-sendgrid"), Clock.systemUTC())) {
      long t0 = System.nanoTime();
      ImportSummary sum = s.importFile(sendgrid, null, ImportListener.NONE);
      double secs = secs(t0);
      out.printf("sendgrid ndjson: %,d events (%s) in %.2f s = %,.0f events/s (format %s, rejected %,d), peak heap %s%n",
          sum.rowsRead(), mb(size(sendgrid)), secs, sum.rowsRead() / secs, sum.format(), sum.rejected(), mb(peakHeap()));
    }
    Path xlsx = workDir.resolve("input/subscribers.xlsx");
    writeXlsx(xlsx, 100_000);
    resetPeaks();
    try (Starling s = Starling.create(workDir.resolve("data-xlsx"), Clock.systemUTC())) {
      long t0 = System.nanoTime();
      ImportSummary sum = s.importFile(xlsx, null, ImportListener.NONE);
      double secs = secs(t0);
      out.printf("xlsx sheet:      %,d rows (%s) in %.2f s = %,.0f rows/s (format %s, rejected %,d), peak heap %s%n",
          sum.rowsRead(), mb(size(xlsx)), secs, sum.rowsRead() / secs, sum.format(), sum.rejected(), mb(peakHeap()));
    }
    out.flush();
  }

  /** Rewrites the first {@code limit} canonical events as SendGrid webhook events, one JSON object per line. */
  private static long toSendGrid(Path canonical, Path target, long limit) throws IOException {
    JsonFactory json = new JsonFactory();
    long n = 0;
    try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(canonical);
        BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      boolean header = true;
      for (CsvRecord r : csv) {
        if (header) {
          header = false;
          continue;
        }
        if (n == limit) {
          break;
        }
        String type = r.getField(0);
        String event = switch (type) {
          case "send" -> "processed";
          case "delivery" -> "delivered";
          case "complaint" -> "spamreport";
          default -> type;
        };
        StringWriter line = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(line)) {
          g.writeStartObject();
          g.writeStringField("email", r.getField(1));
          g.writeNumberField("timestamp", Times.parseMillis(r.getField(3)) / 1000);
          g.writeStringField("event", event);
          g.writeStringField("sg_event_id", "bench-" + n);
          g.writeStringField("sg_message_id", r.getField(2) + "." + r.getField(1));
          g.writeStringField("campaign_id", r.getField(2));
          if (!r.getField(5).isEmpty()) {
            g.writeStringField("useragent", r.getField(5));
            g.writeStringField("ip", r.getField(6));
          }
          if (!r.getField(7).isEmpty()) {
            g.writeStringField("url", r.getField(7));
          }
          if (type.equals("bounce")) {
            g.writeStringField("type", r.getField(8).equals("hard") ? "bounce" : "blocked");
            g.writeStringField("status", r.getField(8).equals("hard") ? "5.1.1" : "4.2.2");
          }
          g.writeEndObject();
        }
        w.write(line.toString());
        w.newLine();
        n++;
      }
    }
    return n;
  }

  /** A subscriber sheet as marketing keeps one: a title row, then the header, then the people (SXSSF: streamed). */
  private static void writeXlsx(Path target, int rows) throws IOException {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(200); var os = Files.newOutputStream(target)) {
      var sheet = wb.createSheet("Suscriptores");
      sheet.createRow(0).createCell(0).setCellValue("Suscriptores del boletín (export)");
      var header = sheet.createRow(1);
      String[] names = {"Correo electrónico", "Nombre", "Apellidos", "Empresa", "País"};
      for (int i = 0; i < names.length; i++) {
        header.createCell(i).setCellValue(names[i]);
      }
      for (int i = 0; i < rows; i++) {
        var row = sheet.createRow(i + 2);
        row.createCell(0).setCellValue("persona" + i + "@empresa" + (i % 997) + ".example");
        row.createCell(1).setCellValue(i % 2 == 0 ? "José" : "María");
        row.createCell(2).setCellValue("Núñez " + i);
        row.createCell(3).setCellValue("Empresa " + (i % 997));
        row.createCell(4).setCellValue("ES");
      }
      wb.write(os);
      wb.dispose();
    }
  }

  /** Copies {@code events} into two files: the given campaign's rows, and all the others. */
  private static long split(Path events, String campaign, Path rest, Path only) throws IOException {
    long n = 0;
    String needle = "," + campaign + ",";
    try (BufferedReader r = Files.newBufferedReader(events, StandardCharsets.UTF_8);
        BufferedWriter a = Files.newBufferedWriter(rest, StandardCharsets.UTF_8);
        BufferedWriter b = Files.newBufferedWriter(only, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      a.write(header);
      a.newLine();
      b.write(header);
      b.newLine();
      String line;
      while ((line = r.readLine()) != null) {
        // type,email,campaign_id,...: the campaign is the third field, and emails hold no commas.
        int first = line.indexOf(',');
        int second = line.indexOf(',', first + 1);
        boolean mine = second > 0 && line.regionMatches(second, needle, 0, needle.length());
        BufferedWriter w = mine ? b : a;
        if (mine) {
          n++;
        }
        w.write(line);
        w.newLine();
      }
    }
    return n;
  }

  /**
   * The largest heap use seen since the last reset, sampled every 20 ms on a daemon thread. It
   * includes garbage not yet collected, so it shows what the heap cap must allow, not the live set.
   * (Summing each memory pool's own peak overstates it: the pools peak at different moments.)
   */
  private static final java.util.concurrent.atomic.AtomicLong PEAK = new java.util.concurrent.atomic.AtomicLong();

  static {
    Thread sampler = new Thread(() -> {
      var memory = ManagementFactory.getMemoryMXBean();
      while (true) {
        PEAK.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  static void resetPeaks() {
    PEAK.set(0);
  }

  static long peakHeap() {
    return PEAK.get();
  }

  private static long size(Path p) throws IOException {
    return Files.size(p);
  }

  private static long dirSize(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> {
        try {
          return Files.size(f);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    }
  }

  private static String mb(long bytes) {
    return String.format(java.util.Locale.ROOT, "%,.1f MB", bytes / 1048576.0);
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
