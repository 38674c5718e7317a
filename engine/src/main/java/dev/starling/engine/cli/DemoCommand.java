package dev.starling.engine.cli;

import dev.starling.engine.app.StarTable;
import dev.starling.engine.app.Starling;
import dev.starling.engine.digest.DigestJob;
import dev.starling.engine.report.Count;
import java.util.Locale;
import dev.starling.engine.report.TerminalTableWriter;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.ingest.ImportSummary;
import dev.starling.engine.store.Store;
import dev.starling.fixtures.DemoData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Import the bundled dataset (3,000 subscribers, 12 newsletters) into a fresh store and show the star subscribers.",
        "Uses a new temporary data directory unless --data names an empty or new one."})
final class DemoCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--top", paramLabel = "N", defaultValue = "15", converter = OptionValues.Count.class, description = "Stars to show (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws IOException {
    Path dir = root.data != null ? root.data : Files.createTempDirectory("starling-demo-");
    if (Files.exists(dir.resolve(Store.FILE_NAME))) {
      throw new StarlingException(dir + " already holds a store; the demo needs a fresh one: name a new directory with --data, or leave --data out");
    }
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    out.println("Starling demo: importing the bundled newsletter data into " + dir.toAbsolutePath());
    List<Path> files = DemoData.extractTo(dir.resolve("demo-input"));
    try (Starling s = Starling.create(dir, root.context.clock())) {
      for (Path f : files) {
        Progress p = new Progress(err, "importing " + f.getFileName(), root.context.terminal());
        ImportSummary sum;
        try {
          sum = s.importFile(f, null, p);
        } finally {
          p.done();
        }
        ImportCommand.printSummary(out, sum);
      }
      StarCriteria criteria = s.config().stars();
      List<Star> all = s.stars(criteria, 0);
      out.println();
      out.printf(Locale.ROOT, "%s (received >= %s, human-opened >= %.0f%% of them; machine opens never count).%n",
          Count.of(all.size(), "star subscriber"), Count.of(criteria.minCampaigns(), "newsletter"), criteria.minRatio() * 100);
      out.printf(Locale.ROOT, "Top %,d:%n%n", Math.min(top, all.size()));
      new TerminalTableWriter(OutputOptions.presentation(root.spec.commandLine(), null, root.context, s.config().output()))
          .write(StarTable.of(all.subList(0, Math.min(top, all.size()))), out);
      String data = "--data " + dir;
      out.println();
      out.println("What to try next:");
      out.println("  ./starling leads " + data + "                              this week's lead suggestions, each with its reason");
      if (!all.isEmpty()) {
        out.println("  ./starling explain " + data + " " + all.get(0).email() + "   why: features, each open's verdict, each rule");
      }
      out.println("  ./starling stars " + data + " --format csv > stars.csv     all stars, for a spreadsheet");
      out.println("  ./starling stars " + data + " --min-ratio 0.8              a looser definition");
      out.println("  ./starling imports " + data + "                            what was imported, with figures");
      out.println("  ./starling import " + data + " your-events.csv             add your own files (see docs/formats.md)");
      out.println("  ./starling generate --subscribers 100000 --campaigns 50 big/   a large dataset, with its ground truth");
      out.println("  ./starling bench                                            import and query speed on this machine");
      Path eml = dir.resolve("digest");
      DigestJob.Summary digest = s.digest(s.digestJob(DemoSalespeople.SETTINGS), null, DigestJob.Request.dryRun(eml), null);
      out.println();
      out.printf("The weekly digest sales would get for %s, written as mail files (nothing was sent) into %s:%n",
          digest.week(), eml.toAbsolutePath());
      int width = digest.outcomes().stream().mapToInt(o -> Path.of(o.detail()).getFileName().toString().length()).max().orElse(0);
      for (DigestJob.Outcome o : digest.outcomes()) {
        out.printf(Locale.ROOT, "  %-" + width + "s  %s (%s): %s, %s%n", Path.of(o.detail()).getFileName(),
            o.recipient().name(), o.recipient().language().key(), Count.of(o.people(), "person", "people"),
            Count.of(o.accounts(), "account"));
      }
      out.println("Open them in any mail client. To send real ones, add your salespeople and SMTP server to starling.yaml");
      out.println("(see the digest: section 'starling init' writes), then run: ./starling digest");
      out.flush();
    }
    return 0;
  }
}
