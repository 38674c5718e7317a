package dev.starling.engine.cli;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Format;
import dev.starling.connectors.Rejection;
import dev.starling.engine.app.Starling;
import dev.starling.engine.error.ExitCode;
import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Count;
import dev.starling.engine.ingest.ImportSummary;
import dev.starling.engine.mailbox.MailboxAddress;
import dev.starling.engine.mailbox.MailboxImporter;
import dev.starling.engine.mailbox.MailboxSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import subscriber lists, campaigns and event logs (each file in one transaction).",
        "Files may be gzip-compressed. Re-importing a file changes nothing.",
        "A source may be an IMAP folder, imap://user@host[:port]/FOLDER: bounce reports and report attachments are",
        "imported and each processed message is flagged, so a second run imports nothing new. The password comes from",
        "$" + ImportCommand.PASSWORD_ENV + " or a prompt, never from the command line."})
final class ImportCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  static final String PASSWORD_ENV = "STARLING_IMAP_PASSWORD";

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files (or imap:// mailboxes) to import, in order.")
  List<String> files;

  @Option(names = "--insecure-plaintext", description = "Allow an IMAP connection without TLS (the password then crosses the network in clear).")
  boolean insecurePlaintext;

  @Option(names = "--format", paramLabel = "NAME", description = "Skip detection and read every file as this format (see 'starling formats').")
  String format;

  @Option(names = "--no-refresh", description = {"After a first load, leave computing the engagement features to the",
      "next command that needs them (stars, leads, report, ...)."})
  boolean noRefresh;

  @Override
  public Integer call() {
    Format chosen = format == null ? null : parseFormat(format);
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    int failed = 0;
    try (Starling s = Starling.create(root.dataDir(), root.context.clock())) {
      boolean firstLoad = !noRefresh && !s.featuresComputed();
      for (String name : files) {
        // Each source is its own transaction: one that fails is reported and the others still import.
        try {
          if (name.startsWith("imap://") || name.startsWith("imaps://")) {
            importMailbox(s, name, out);
            continue;
          }
          Path f = Path.of(name);
          Progress p = new Progress(err, "importing " + f.getFileName(), root.context.terminal());
          ImportSummary sum;
          try {
            sum = s.importFile(f, chosen, p);
          } finally {
            p.done();
          }
          printSummary(out, sum);
        } catch (dev.starling.engine.error.StarlingException e) {
          if (files.size() == 1) {
            throw e;
          }
          failed++;
          out.flush();
          err.println("starling: " + CellText.linesForTerminal(e.getMessage()).replace("\n", "\nstarling: "));
          err.flush();
        }
      }
      out.flush();
      if (firstLoad) {
        // A first load's features are computed here, by the process whose page cache and memory map still
        // hold what it just wrote: a full replay of 100k x 50 took 4-5 s less than in a fresh process
        // (import + stars: 19.6-19.9 s against 24-26 s, alternating runs). Later imports leave the
        // refresh to the next command, which replays only the new campaigns and compiles the rules (leads)
        // on a second thread meanwhile: weekly import + leads took 5.1-6.8 s so, 6.9-7.3 s with the
        // refresh moved into the import.
        Progress p = new Progress(err, "refreshing features", root.context.terminal());
        p.started();
        try {
          s.refreshFeatures();
        } finally {
          p.done();
        }
      }
    }
    if (failed > 0) {
      err.printf("starling: %d of %s failed; the others were imported%n", failed, Count.of(files.size(), "source"));
      err.flush();
      return ExitCode.USER_ERROR;
    }
    return 0;
  }

  private void importMailbox(Starling s, String address, PrintWriter out) {
    MailboxAddress box = MailboxAddress.parse(address);
    char[] password = password(box);
    try {
      MailboxSummary sum = MailboxImporter.into(s).importFrom(box, password, insecurePlaintext);
      for (ImportSummary f : sum.files()) {
        printSummary(out, f);
      }
      out.printf(Locale.ROOT, "%s: %s: %,d imported, %,d already imported, %,d with nothing to import, %,d failed%n",
          box, Count.of(sum.messagesSeen(), "message"), sum.messagesImported(), sum.messagesSkipped(), sum.messagesIgnored(), sum.failures().size());
      sum.failures().forEach(f -> out.println("  failed " + CellText.forTerminal(f.toString())));
    } finally {
      java.util.Arrays.fill(password, '\0');
    }
  }

  private char[] password(MailboxAddress box) {
    String env = root.context.env().get(PASSWORD_ENV);
    if (env != null && !env.isEmpty()) {
      return env.toCharArray();
    }
    java.io.Console console = System.console();
    if (console == null) {
      throw new dev.starling.engine.error.StarlingException("no password for " + box + ": set " + PASSWORD_ENV
          + " (there is no terminal to ask on)");
    }
    char[] typed = console.readPassword("Password for %s: ", box);
    if (typed == null) {
      throw new dev.starling.engine.error.StarlingException("no password for " + box);
    }
    return typed;
  }

  private Format parseFormat(String name) {
    try {
      return Format.byId(name);
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format " + e.getMessage(), e, null, name);
    }
  }

  static void printSummary(PrintWriter out, ImportSummary s) {
    String source = CellText.forTerminal(s.source());
    if (s.skipped()) {
      out.printf("%s: already imported (import #%d); nothing changed%n", source, s.alreadyImportedAs());
      return;
    }
    out.printf(Locale.ROOT, "%s: %s %s, %s read: %,d imported, %s skipped, %,d rejected (%s, %s created) in %.1f s [import #%d]%n",
        source, s.format(), s.kind(), Count.of(s.rowsRead(), "row"), s.imported(), Count.of(s.duplicates(), "duplicate"),
        s.rejected(), Count.of(s.newSubscribers(), "new subscriber"), Count.of(s.unknownCampaigns(), "unknown campaign"),
        s.seconds(), s.importId());
    ImportSummary.Quality q = s.quality();
    if (!q.equals(ImportSummary.Quality.NONE)) {
      out.printf("  data quality: %s with no matching send, %s before delivery, %s before the subscriber joined,"
              + " %s in campaigns with no opens or clicks%n",
          Count.of(q.noSendEngagements(), "open/click", "opens/clicks"), Count.of(q.clicksBeforeDelivery(), "click"),
          Count.of(q.eventsBeforeSignup(), "event"), Count.of(q.untrackedSends(), "send"));
    }
    ImportSummary.Intake in = s.intake();
    if (!in.skippedByReason().isEmpty()) {
      out.println("  skipped, not imported: " + in.skippedByReason().entrySet().stream()
          .map(e -> e.getValue() + " " + e.getKey()).collect(java.util.stream.Collectors.joining(", ")));
    }
    if (in.groupedUntagged() > 0) {
      out.println("  " + Count.of(in.groupedUntagged(), "event") + " without a campaign tag grouped into derived campaigns");
    }
    if (in.bounces() > 0) {
      out.printf(Locale.ROOT, "  bounces: %,d hard, %,d soft, %,d block; %,d without a campaign; %s suppressed%n",
          in.bouncesByClass().getOrDefault(BounceKind.HARD, 0L), in.bouncesByClass().getOrDefault(BounceKind.SOFT, 0L),
          in.bouncesByClass().getOrDefault(BounceKind.BLOCK, 0L), in.bouncesWithoutCampaign(),
          Count.of(in.suppressed(), "person", "people"));
    }
    if (!in.blocksByDomain().isEmpty()) {
      out.println("  blocked (the sender's problem, no one suppressed) by receiving domain: "
          + in.blocksByDomain().entrySet().stream().map(e -> CellText.forTerminal(e.getKey()) + " " + e.getValue())
              .collect(java.util.stream.Collectors.joining(", ")));
    }
    for (Rejection r : s.firstRejections()) {
      out.println("  rejected " + CellText.forTerminal(r.toString()));
    }
    if (s.rejected() > s.firstRejections().size()) {
      out.printf("  ... and %s, kept in the store (import #%d)%n",
          Count.of(s.rejected() - s.firstRejections().size(), "more rejection"), s.importId());
    }
  }
}
