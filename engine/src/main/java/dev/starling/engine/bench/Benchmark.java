package dev.starling.engine.bench;

import dev.starling.engine.Starling;
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
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
    try (Starling s = Starling.open(data, Clock.systemUTC())) {
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
      Set<String> truth = new HashSet<>(Files.readAllLines(input.resolve(DatasetGenerator.STARS_TRUTH)));
      Set<String> found = new HashSet<>();
      stars.forEach(st -> found.add(st.email()));
      out.printf("correctness:     %,d stars found, ground truth %,d, %s%n", found.size(), truth.size(),
          found.equals(truth) ? "identical" : "DIFFERENT");
    }
    out.printf("peak heap:       %s%n", mb(peakHeap()));
    out.printf("store size:      %s (%s)%n", mb(dirSize(data)), data.resolve("starling.db"));
    out.flush();
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

  private static void resetPeaks() {
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
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
