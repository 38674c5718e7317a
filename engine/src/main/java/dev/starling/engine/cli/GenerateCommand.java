package dev.starling.engine.cli;

import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.stream.Stream;
import dev.starling.engine.report.Count;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a realistic, seeded dataset in Starling's CSV format, with its ground truth in DIR/truth/."})
final class GenerateCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--subscribers", paramLabel = "N", converter = OptionValues.Count.class, defaultValue = "3000", description = "People on the list (default: ${DEFAULT-VALUE}).")
  int subscribers;

  @Option(names = "--campaigns", paramLabel = "M", converter = OptionValues.Count.class, defaultValue = "12", description = "Weekly newsletters (default: ${DEFAULT-VALUE}).")
  int campaigns;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed; same seed, same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Parameters(paramLabel = "DIR", description = "Where to write the files.")
  Path dir;

  @Option(names = "--force", description = "Write into DIR even if it is not empty (files of the same name are replaced).")
  boolean force;

  @Override
  public Integer call() throws IOException {
    DatasetSpec spec;
    try {
      spec = DatasetSpec.of(subscribers, campaigns, seed);
    } catch (IllegalArgumentException e) {
      throw new dev.starling.engine.error.StarlingException("--" + e.getMessage());
    }
    if (!force && Files.isDirectory(dir)) {
      try (Stream<Path> inside = Files.list(dir)) {
        long n = inside.count();
        if (n > 0) {
          throw new dev.starling.engine.error.StarlingException(dir + " is not empty (" + Count.of(n, "file or folder",
              "files or folders") + "); choose an empty folder, or add --force to write into it (files of the same name"
              + " are replaced)");
        }
      }
    }
    long t0 = System.nanoTime();
    DatasetSummary s = DatasetGenerator.generate(spec, dir);
    PrintWriter out = root.spec.commandLine().getOut();
    out.printf(java.util.Locale.ROOT, "Wrote %s, %s, %s to %s in %.1f s (%s, %s in truth/)%n",
        Count.of(s.subscribers(), "subscriber"), Count.of(s.campaigns(), "campaign"), Count.of(s.events(), "event"), dir,
        (System.nanoTime() - t0) / 1e9, Count.of(s.stars(), "star"), Count.of(s.machineOnly(), "machine-only opener"));
    out.printf("Import them with: ./starling import %s %s %s%n", s.subscribersFile(), s.campaignsFile(), s.eventsFile());
    out.flush();
    return 0;
  }
}
