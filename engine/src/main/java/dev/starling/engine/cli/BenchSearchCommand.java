package dev.starling.engine.cli;

import dev.starling.engine.bench.SearchBenchmark;
import dev.starling.engine.error.StarlingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "search", mixinStandardHelpOptions = true,
    description = {"Measure the search index: full build, the incremental update after one weekly campaign, and the",
        "median and p99 latency of 1,000 varied warm queries, over a store of N subscribers with computed features.",
        "Run with a capped heap: JAVA_OPTS=-Xmx512m ./starling bench search --subscribers 1000000"})
final class BenchSearchCommand implements Callable<Integer> {
  @ParentCommand BenchCommand bench;

  @Option(names = "--subscribers", paramLabel = "N", defaultValue = "1000000", description = "Default: ${DEFAULT-VALUE}.")
  int subscribers;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--keep", paramLabel = "DIR", description = "Work in DIR and keep it (default: a temporary directory, deleted after).")
  Path keep;

  @Override
  public Integer call() throws IOException {
    if (subscribers < 100) {
      throw new StarlingException("--subscribers must be at least 100 but was " + subscribers);
    }
    Path dir = keep != null ? keep : Files.createTempDirectory("starling-bench-search-");
    try {
      SearchBenchmark.run(subscribers, seed, dir, bench.root.spec.commandLine().getOut());
    } finally {
      if (keep == null) {
        try (Stream<Path> walk = Files.walk(dir)) {
          walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
    return 0;
  }
}
