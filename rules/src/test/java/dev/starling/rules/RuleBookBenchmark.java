package dev.starling.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the default pack over a million subscribers whose features are already computed. Not a test
 * (no timing assertions): run it by hand and read the figures.
 *
 * <pre>
 * ./mvnw -q -pl rules test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp rules/target/classes:rules/target/test-classes:$(cat rules/target/cp.txt) \
 *     dev.starling.rules.RuleBookBenchmark [seed]
 * </pre>
 */
public final class RuleBookBenchmark {
  private static final int SUBSCRIBERS = 1_000_000;
  private static final int POOL = 20_000;

  private RuleBookBenchmark() {}

  public static void main(String[] args) throws Exception {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42L;
    System.out.println("seed " + seed);
    FeatureSchema schema = FeatureSchema.standard();
    RuleBook book = RuleBook.defaults(schema);
    int rules = book.rules(Subject.SUBSCRIBER).size();
    Features[] pool = pool(schema, new Random(seed));

    // CPU time of this thread as well as wall time: on a shared 2-core box the wall clock also
    // counts the time other processes held the core.
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= 5; round++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long matches = run(book, pool, 0, SUBSCRIBERS);
      long ns = System.nanoTime() - t0;
      long cpuNs = cpu.getCurrentThreadCpuTime() - c0;
      System.out.printf("round %d, 1 thread: %,d subscribers x %d rules: wall %d ms, cpu %d ms"
              + " = %.0f ns/subscriber, %.1f ns/rule eval (cpu) (%,d matches)%n",
          round, SUBSCRIBERS, rules, ns / 1_000_000, cpuNs / 1_000_000, (double) cpuNs / SUBSCRIBERS,
          (double) cpuNs / SUBSCRIBERS / rules, matches);
    }
    int threads = 2;
    try (ExecutorService pool2 = Executors.newFixedThreadPool(threads)) {
      for (int round = 1; round <= 3; round++) {
        long t0 = System.nanoTime();
        List<Future<Long>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int from = t * SUBSCRIBERS / threads;
          int to = (t + 1) * SUBSCRIBERS / threads;
          parts.add(pool2.submit(() -> run(book, pool, from, to)));
        }
        long matches = 0;
        for (Future<Long> f : parts) {
          matches += f.get();
        }
        long ns = System.nanoTime() - t0;
        System.out.printf("round %d, %d threads: %,d subscribers in %d ms (%,d matches)%n",
            round, threads, SUBSCRIBERS, ns / 1_000_000, matches);
      }
    }
  }

  private static long run(RuleBook book, Features[] pool, int from, int to) {
    long matches = 0;
    for (int i = from; i < to; i++) {
      matches += book.evaluate(pool[i % pool.length]).size();
    }
    return matches;
  }

  /** Varied subscribers; the figures are uniform, so more fire than in a real list (reasons cost too). */
  private static Features[] pool(FeatureSchema schema, Random r) {
    Features[] out = new Features[POOL];
    Features.Builder b = schema.newFeatures(Subject.SUBSCRIBER);
    for (int i = 0; i < POOL; i++) {
      long received = r.nextInt(40);
      long opened = received == 0 ? 0 : r.nextLong(received + 1);
      long lastN = Math.min(received, 12);
      // About one in six clicks at all; one in twenty clicks a high-intent page.
      int kind = r.nextInt(60);
      List<String> urls = kind < 3
          ? List.of("https://acme.example/blog/" + i, "https://acme.example/pricing")
          : kind < 10 ? List.of("https://acme.example/blog/" + i, "https://acme.example/about") : List.of();
      out[i] = b.set("email", "p" + i + "@acme.example").set("domain", "acme.example").set("company", "")
          .set("received", received).set("campaigns_opened", opened)
          .set("open_ratio", received == 0 ? 0.0 : (double) opened / received)
          .set("last_n", lastN).set("last_n_opened", Math.min(lastN, opened))
          .set("human_opens", opened * 2).set("machine_opens", r.nextInt(5)).set("human_clicks", urls.size())
          .set("clicked_urls", urls).set("high_intent_clicks", urls.size() - 1)
          .set("high_intent_pages", urls.size() > 1 ? List.of("pricing") : List.of())
          .set("streak", r.nextInt(6)).set("recent_misses", r.nextInt(6))
          .set("days_since_human_activity", r.nextInt(60) - 1)
          .set("score", r.nextDouble() * 10).set("trend", r.nextDouble() * 2 - 1).set("star_tier", r.nextInt(6))
          .set("was_star", r.nextInt(10) == 0).set("dormant_before", r.nextInt(10) == 0)
          .set("confidence", "high").set("status", "active").set("state", "engaged")
          .build();
    }
    return out;
  }
}
