package dev.starling.engine.cli;

import dev.starling.engine.app.OutcomeTable;
import dev.starling.engine.app.Starling;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.mailbox.MailboxAddress;
import dev.starling.engine.outcomes.DigestReplies;
import dev.starling.engine.report.Count;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "replies", mixinStandardHelpOptions = true,
    description = {"Record the outcomes salespeople sent by replying to the digest: one line per lead, like",
        "#123 won, #124 reject not a fit, #125 contacted called on Tuesday (or #123 ganado, #124 rechazar no encaja).",
        "Quoted text and signatures are skipped; a reply from anyone not in digest.salespeople is ignored and reported.",
        "Each message is read once (remembered by its Message-ID); the mailbox is not changed.",
        "MAILBOX defaults to leads.replies-mailbox in starling.yaml; the password comes from STARLING_IMAP_PASSWORD."})
final class LeadRepliesCommand implements Callable<Integer> {
  @ParentCommand LeadCommand lead;

  @Mixin OutputOptions output;

  @Parameters(arity = "0..1", paramLabel = "MAILBOX", description = "imap://user@host[:port]/FOLDER (default: leads.replies-mailbox).")
  String mailbox;

  @Option(names = "--insecure-plaintext", description = "Allow an IMAP connection without TLS (the password then crosses the network in clear).")
  boolean insecurePlaintext;

  @Override
  public Integer call() {
    StarlingCommand root = lead.root;
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      String address = mailbox != null ? mailbox : s.config().leads().repliesMailbox();
      if (address == null) {
        throw new StarlingException("no mailbox to read replies from: give imap://user@host/FOLDER or set"
            + " leads.replies-mailbox in starling.yaml");
      }
      MailboxAddress box = MailboxAddress.parse(address);
      String env = root.context.env().get(ImportCommand.PASSWORD_ENV);
      if (env == null || env.isEmpty()) {
        throw new StarlingException("no password for " + box + ": set " + ImportCommand.PASSWORD_ENV);
      }
      char[] password = env.toCharArray();
      DigestReplies.Summary sum;
      try {
        sum = s.readReplies(box, password, insecurePlaintext);
      } finally {
        Arrays.fill(password, '\0');
      }
      output.print(OutcomeTable.of(sum.replies()), out, root.context, s.config().output());
      if (output.forPeople()) {
        output.note(String.format(Locale.ROOT, "%s: %s: %d replies read now, %d ignored, %d read before.", box,
            Count.of(sum.messages(), "message"), sum.replies().size(), sum.ignored().size(), sum.alreadyRead()), out,
            root.context, s.config().output());
      }
      out.flush();
      sum.replies().forEach(r -> r.rejections().forEach(x -> err.println("starling: " + x)));
      sum.ignored().forEach(i -> err.println("starling: " + i));
      err.flush();
    }
    return 0;
  }
}
