package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.digest.DigestException;
import dev.starling.engine.digest.DigestJob;
import dev.starling.engine.digest.DigestMailer;
import dev.starling.engine.digest.SmtpSettings;
import dev.starling.engine.error.ExitCode;
import dev.starling.engine.report.Count;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

@Command(name = "digest", mixinStandardHelpOptions = true,
    description = {"Send each salesperson their weekly digest: their top suggestions (one entry per person, ranked by",
        "priority then score), the accounts that surged, what changed since last week, and an .xlsx with everything.",
        "Salespeople, routing and SMTP are set in starling.yaml; the SMTP password comes from the environment",
        "(STARLING_SMTP_PASSWORD unless smtp.password-env names another). Each (week, recipient) is sent once.",
        "Exits 1 when a digest could not be delivered (the others are still sent)."})
final class DigestCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Option(names = "--week", paramLabel = "YYYY-Www", converter = OptionValues.Week.class, description = "The digest of a past week (its stored suggestions); default: this week.")
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
    if (dryRun != (out != null)) {
      throw new ParameterException(output.mixee.commandLine(), dryRun ? "--dry-run needs --out DIR: where to write the .eml files"
          : "--out is only for --dry-run (without it the digest is sent)");
    }
    PrintWriter o = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      DigestJob job = s.digestJob();
      DigestMailer mailer = dryRun ? null : mailer(s);
      DigestJob.Summary sum = s.digest(job, week, new DigestJob.Request(out, only, resend), mailer);
      if (output.forPeople()) {
        output.note(String.format(Locale.ROOT, "Digest %s: %s for %s.", sum.week(), Count.of(sum.suggestions(), "suggestion"),
            Count.of(sum.outcomes().size(), "salesperson", "salespeople")), o, root.context, s.config().output());
        if (!sum.unrouted().isEmpty()) {
          output.note(Count.of(sum.unrouted().size(), "person or account", "people or accounts")
              + " matched no salesperson and there is no digest.default-recipient: they are in no digest.", o, root.context,
              s.config().output());
        }
      }
      output.print(sum.table(), o, root.context, s.config().output());
      o.flush();
      return sum.failed() ? ExitCode.USER_ERROR : ExitCode.OK;
    }
  }

  private DigestMailer mailer(Starling s) {
    SmtpSettings smtp = s.config().smtpSettings().orElseThrow(() -> new DigestException("no smtp: section in "
        + s.dataDir().resolve("starling.yaml") + ": add one to send (see the commented example 'starling init' writes),"
        + " or use --dry-run --out DIR"));
    String pw = root.context.env().get(smtp.passwordEnv());
    return DigestMailer.smtp(smtp, pw == null ? null : pw.toCharArray(), DigestMailer.Sleeper.REAL);
  }
}
