package dev.starling.engine.cli;

import dev.starling.connectors.Format;
import dev.starling.connectors.Rejection;
import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportSummary;
import dev.starling.engine.mailbox.MailboxAddress;
import dev.starling.engine.mailbox.MailboxImporter;
import dev.starling.engine.mailbox.MailboxSummary;
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
        "Files may be gzip-compressed. Re-importing a file changes nothing.",
        "A source may be an IMAP folder, imap://user@host[:port]/FOLDER: bounce reports and report attachments are",
        "imported and each processed message is flagged, so a second run imports nothing new. The password comes from",
        "$" + ImportCommand.PASSWORD_ENV + " or a prompt, never from the command line."})
final class ImportCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  static final String PASSWORD_ENV = "STARLING_IMAP_PASSWORD";

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files (or imap:// mailboxes) to import, in order.")
  List<String> files;

  @Option(names = "--insecure-plaintext", description = "Allow an IMAP connection without TLS (the password then crosses the network in clear).")
  boolean insecurePlaintext;

  @Option(names = "--format", paramLabel = "NAME", description = "Skip detection and read every file as this format (see 'starling formats').")
  String format;

  @Override
  public Integer call() {
    Format chosen = format == null ? null : parseFormat(format);
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    int failed = 0;
    try (Starling s = Starling.create(root.dataDir(), root.context.clock())) {
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
          err.println("starling: " + e.getMessage());
          err.flush();
        }
      }
      out.flush();
    }
    if (failed > 0) {
      err.printf("starling: %d of %d sources failed; the others were imported%n", failed, files.size());
      err.flush();
      return StarlingCommand.USER_ERROR;
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
      out.printf("%s: %d messages: %d imported, %d already imported, %d with nothing to import, %d failed%n",
          box, sum.messagesSeen(), sum.messagesImported(), sum.messagesSkipped(), sum.messagesIgnored(), sum.failures().size());
      sum.failures().forEach(f -> out.println("  failed " + f));
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

  static Format parseFormat(String name) {
    try {
      return Format.byId(name);
    } catch (IllegalArgumentException e) {
      throw new dev.starling.engine.error.StarlingException("--format " + e.getMessage());
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
