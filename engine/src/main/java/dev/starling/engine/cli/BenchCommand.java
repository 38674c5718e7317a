package dev.starling.engine.cli;

import dev.starling.engine.bench.Benchmark;
import dev.starling.fixtures.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchSearchCommand.class,
    description = {"Generate data at a given scale, import it into a fresh store, compute stars, and report the figures.",
        "Run with a capped heap to check memory: JAVA_OPTS=-Xmx512m ./starling bench",
        "'starling bench search' measures the search index instead."})
final class BenchCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--subscribers", paramLabel = "N", converter = OptionValues.Count.class, defaultValue = "100000", description = "Default: ${DEFAULT-VALUE}.")
  int subscribers;

  @Option(names = "--campaigns", paramLabel = "M", converter = OptionValues.Count.class, defaultValue = "50", description = "Default: ${DEFAULT-VALUE}.")
  int campaigns;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "7", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--keep", paramLabel = "DIR", description = "Work in DIR and keep it (default: a temporary directory, deleted after).")
  Path keep;

  @Override
  public Integer call() throws IOException {
    DatasetSpec spec;
    try {
      spec = DatasetSpec.of(subscribers, campaigns, seed);
    } catch (IllegalArgumentException e) {
      throw new dev.starling.engine.error.StarlingException("--" + e.getMessage());
    }
    if (campaigns < 2) {
      throw new dev.starling.engine.error.StarlingException("--campaigns must be at least 2 (the last one is the weekly import) but was " + campaigns);
    }
    Path dir = keep != null ? keep : Files.createTempDirectory("starling-bench-");
    try {
      Benchmark.run(spec, dir, root.spec.commandLine().getOut());
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
