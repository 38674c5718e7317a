package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.digest.DigestJob;
import dev.starling.engine.digest.DigestMailer;
import dev.starling.engine.digest.SmtpSettings;
import dev.starling.engine.digest.DigestException;
import dev.starling.engine.error.StarlingException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "digest", mixinStandardHelpOptions = true,
    description = {"Send each salesperson their weekly digest: their top suggestions (one entry per person, ranked by",
        "priority then score), the accounts that surged, what changed since last week, and an .xlsx with everything.",
        "Salespeople, routing and SMTP are set in starling.yaml; the SMTP password comes from the environment",
        "(STARLING_SMTP_PASSWORD unless smtp.password-env names another). Each (week, recipient) is sent once."})
final class DigestCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--week", paramLabel = "YYYY-Www", description = "The digest of a past week (its stored suggestions); default: this week.")
  String week;

  @Option(names = "--dry-run", description = "Write one .eml file per recipient into --out instead of sending.")
  boolean dryRun;

  @Option(names = "--out", paramLabel = "DIR", description = "Where --dry-run writes the .eml files.")
  Path out;

  @Option(names = "--only", paramLabel = "EMAIL", description = "Only this salesperson's digest.")
  String only;

  @Option(names = "--resend", description = "Send again to those who already got this week's digest.")
  boolean resend;

  @Override
  public Integer call() {
    if (week != null && !week.matches("\\d{4}-W\\d{2}")) {
      throw new StarlingException("--week must look like 2026-W48 but was '" + week + "'");
    }
    if (dryRun != (out != null)) {
      throw new StarlingException(dryRun ? "--dry-run needs --out DIR: where to write the .eml files"
          : "--out is only for --dry-run (without it the digest is sent)");
    }
    PrintWriter o = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      DigestJob job = s.digestJob();
      DigestMailer mailer = dryRun ? null : mailer(s);
      DigestJob.Summary sum = s.digest(job, week, new DigestJob.Request(out, only, resend), mailer);
      print(o, sum);
      o.flush();
      return sum.failed() ? StarlingCommand.USER_ERROR : 0;
    }
  }

  private DigestMailer mailer(Starling s) {
    SmtpSettings smtp = s.config().smtpSettings().orElseThrow(() -> new DigestException("no smtp: section in "
        + s.dataDir().resolve("starling.yaml") + ": add one to send (see the commented example 'starling init' writes),"
        + " or use --dry-run --out DIR"));
    String pw = root.context.env().get(smtp.passwordEnv());
    return DigestMailer.smtp(smtp, pw == null ? null : pw.toCharArray(), DigestMailer.Sleeper.REAL);
  }

  static void print(PrintWriter o, DigestJob.Summary sum) {
    o.printf("Digest %s: %d suggestions for %d salespeople.%n", sum.week(), sum.suggestions(), sum.outcomes().size());
    if (!sum.unrouted().isEmpty()) {
      o.printf("%d people or accounts matched no salesperson and no default-recipient is set: they are in no digest.%n",
          sum.unrouted().size());
    }
    int w = sum.outcomes().stream().mapToInt(x -> x.recipient().email().length()).max().orElse(9);
    String f = "%-" + Math.max(9, w) + "s  %-4s  %-12s  %11s  %6s  %8s  %10s  %s";
    o.println(String.format(f, "recipient", "lang", "outcome", "suggestions", "people", "accounts", "in message", "detail")
        .stripTrailing());
    for (DigestJob.Outcome x : sum.outcomes()) {
      o.println(String.format(f, x.recipient().email(), x.recipient().language().key(), x.status().key(), x.suggestions(),
          x.people(), x.accounts(), x.shown(), x.detail()).stripTrailing());
    }
  }
}
