package dev.starling.engine.digest;

import dev.starling.engine.app.Starling;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: prints the digest's figures on an imported data directory whose starling.yaml has a digest section
 * (run by hand, see the report). Args: DATA_DIR OUT_DIR.
 */
final class DigestFigures {
  private DigestFigures() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path out = Path.of(args[1]);
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    AtomicLong peak = new AtomicLong();
    Thread sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    try (Starling s = Starling.open(data, Clock.systemUTC())) {
      long t0 = System.nanoTime();
      String week = s.suggestLeads().week();
      double leadsSecs = (System.nanoTime() - t0) / 1e9;
      System.gc();
      peak.set(0);
      sampler.start();
      DigestJob job = s.digestJob();
      t0 = System.nanoTime();
      DigestPlan.Result plan = job.plan(week);
      double planSecs = (System.nanoTime() - t0) / 1e9;
      long planPeak = peak.get();
      Files.createDirectories(out);
      t0 = System.nanoTime();
      DigestJob.Summary sum = job.run(week, DigestJob.Request.dryRun(out), null);
      double runSecs = (System.nanoTime() - t0) / 1e9;
      sampler.interrupt();
      System.out.printf("week %s: %,d suggestions; leads (refresh + rules) %.2f s%n", week, plan.suggestions(), leadsSecs);
      System.out.printf("plan (read, merge, route, rank, changes): %.2f s, peak heap %d MB%n", planSecs, planPeak >> 20);
      System.out.printf("full dry run (plan + render + xlsx + .eml for %d recipients): %.2f s, peak heap %d MB%n",
          sum.outcomes().size(), runSecs, peak.get() >> 20);
      int[] before = plan.digests().stream().mapToInt(Digest::suggestions).sorted().toArray();
      int[] merged = plan.digests().stream().mapToInt(Digest::opportunities).sorted().toArray();
      int[] shown = plan.digests().stream().mapToInt(d -> d.shownPeople().size() + d.shownAccounts().size()).sorted().toArray();
      System.out.println("per recipient, min / median / max / total:");
      System.out.println("  suggestions before the merge: " + stats(before));
      System.out.println("  entries after the merge:      " + stats(merged));
      System.out.println("  in the message after the cap: " + stats(shown));
      System.out.println("  unrouted: " + plan.unrouted().size());
      long files = 0;
      try (var l = Files.list(out)) {
        for (Path p : l.toList()) {
          files += Files.size(p);
        }
      }
      System.out.printf("  .eml total %d KB for %d files%n", files >> 10, sum.outcomes().size());
      List<String> rows = plan.digests().stream().map(d -> d.recipient().email() + " " + d.suggestions() + " -> "
          + d.opportunities() + " -> " + (d.shownPeople().size() + d.shownAccounts().size())).toList();
      rows.forEach(r -> System.out.println("    " + r));
    }
  }

  private static String stats(int[] v) {
    return v[0] + " / " + v[v.length / 2] + " / " + v[v.length - 1] + " / " + Arrays.stream(v).sum();
  }
}
