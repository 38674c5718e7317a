package dev.starling.engine.cli;

import dev.starling.connectors.Format;
import dev.starling.connectors.Rejection;
import dev.starling.engine.Starling;
import dev.starling.engine.ingest.ImportSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import subscriber lists, campaigns and event logs (each file in one transaction).",
        "Files may be gzip-compressed. Re-importing a file changes nothing."})
final class ImportCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import, in order.")
  List<Path> files;

  @Option(names = "--format", paramLabel = "NAME", description = "Skip detection and read every file as this format (see 'starling formats').")
  String format;

  @Override
  public Integer call() {
    Format chosen = format == null ? null : parseFormat(format);
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      for (Path f : files) {
        Progress p = new Progress(err, "importing " + f.getFileName(), root.context.terminal());
        ImportSummary sum;
        try {
          sum = s.importFile(f, chosen, p);
        } finally {
          p.done();
        }
        printSummary(out, sum);
      }
      out.flush();
    }
    return 0;
  }

  static Format parseFormat(String name) {
    try {
      return Format.byId(name);
    } catch (IllegalArgumentException e) {
      throw new dev.starling.engine.StarlingException("--format " + e.getMessage());
    }
  }

  static void printSummary(PrintWriter out, ImportSummary s) {
    if (s.skipped()) {
      out.printf("%s: already imported (import #%d); nothing changed%n", s.source(), s.alreadyImportedAs());
      return;
    }
    out.printf("%s: %s %s, %,d rows read: %,d imported, %,d duplicates skipped, %,d rejected"
            + " (%,d new subscribers, %,d unknown campaigns created) in %.1f s [import #%d]%n",
        s.source(), s.format(), s.kind(), s.rowsRead(), s.imported(), s.duplicates(), s.rejected(),
        s.newSubscribers(), s.unknownCampaigns(), s.seconds(), s.importId());
    ImportSummary.Quality q = s.quality();
    if (!q.equals(ImportSummary.Quality.NONE)) {
      out.printf("  data quality: %,d opens/clicks with no matching send, %,d clicks before delivery,"
              + " %,d events before the subscriber joined, %,d sends in campaigns with no opens or clicks%n",
          q.noSendEngagements(), q.clicksBeforeDelivery(), q.eventsBeforeSignup(), q.untrackedSends());
    }
    for (Rejection r : s.firstRejections()) {
      out.println("  rejected " + r);
    }
    if (s.rejected() > s.firstRejections().size()) {
      out.printf("  ... and %,d more rejections, kept in the store (import #%d)%n",
          s.rejected() - s.firstRejections().size(), s.importId());
    }
  }
}
