package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.store.DataQuality;
import dev.starling.engine.store.ImportFigures;
import dev.starling.engine.store.ImportRecord;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "imports", mixinStandardHelpOptions = true, description = "List past imports with their figures.")
final class ImportsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  private static String n(long v) {
    return String.format(java.util.Locale.ROOT, "%,d", v);
  }

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      List<ImportRecord> imports = s.importLog();
      String fmt = "%4s  %-19s  %-26s  %-24s  %10s  %10s  %10s  %8s  %8s  %8s  %8s  %8s  %8s  %9s%n";
      out.printf(fmt, "#", "finished", "source", "format/kind", "rows", "imported", "duplicates", "rejected",
          "new subs", "unknown", "no send", "click<dl", "pre-join", "untracked");
      for (ImportRecord r : imports) {
        ImportFigures f = r.figures();
        DataQuality q = r.quality();
        out.printf(fmt, r.id(), Instant.ofEpochMilli(f.finishedAt()).toString().substring(0, 19), r.source(),
            r.format() + "/" + r.kind(), n(f.rowsRead()), n(f.imported()), n(f.duplicates()),
            n(f.rejected()), n(f.newSubscribers()), n(f.newCampaigns()), n(q.noSendEngagements()), n(q.clicksBeforeDelivery()),
            n(q.eventsBeforeSignup()), n(q.untrackedSends()));
      }
      out.println("unknown: campaigns first named by an event; no send: opens/clicks with no matching send;"
          + " click<dl: clicks before delivery; pre-join: events before the subscriber joined;"
          + " untracked: sends in campaigns with no opens or clicks");
      out.flush();
    }
    return 0;
  }
}
