package dev.starling.engine.serve;

import dev.starling.engine.app.Starling;
import dev.starling.engine.config.Config;
import dev.starling.engine.digest.DigestJob;
import dev.starling.engine.digest.DigestMailer;
import dev.starling.engine.digest.DigestException;
import dev.starling.engine.digest.SmtpSettings;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.mailbox.MailboxAddress;
import dev.starling.engine.mailbox.MailboxImporter;
import dev.starling.engine.mailbox.MailboxSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

/**
 * One week's work, as {@code starling serve} runs it: import the configured mailboxes, record the outcomes
 * salespeople replied with ({@code leads.replies-mailbox}, when set), refresh the features, suggest the week's
 * leads, send the digest. The data directory (and its starling.yaml) is opened afresh each
 * run, so an edited configuration takes effect at the next run without a restart.
 */
public final class WeeklyCycle implements ServeLoop.Job {
  /** The environment variable holding the password of the configured mailboxes. */
  public static final String IMAP_PASSWORD_ENV = "STARLING_IMAP_PASSWORD";

  private final Path dataDir;
  private final Clock clock;
  private final Map<String, String> env;
  private final DigestMailer.Sleeper sleeper;

  public WeeklyCycle(Path dataDir, Clock clock, Map<String, String> env, DigestMailer.Sleeper sleeper) {
    this.dataDir = dataDir;
    this.clock = clock;
    this.env = Map.copyOf(env);
    this.sleeper = sleeper;
  }

  @Override
  public void run(Instant scheduledFor, PrintWriter log) {
    try (Starling s = Starling.open(dataDir, clock)) {
      Config config = s.config();
      DigestJob job = s.digestJob();
      DigestMailer mailer = mailer(config);
      int failedBoxes = 0;
      for (String address : config.schedule().mailboxes()) {
        MailboxAddress box = MailboxAddress.parse(address);
        String password = env.get(IMAP_PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
          throw new StarlingException("no password for " + box + ": set " + IMAP_PASSWORD_ENV);
        }
        char[] pw = password.toCharArray();
        try {
          MailboxSummary sum = MailboxImporter.into(s).importFrom(box, pw, false);
          log.printf("  %s: %d messages, %d imported, %d failed%n", box, sum.messagesSeen(), sum.messagesImported(),
              sum.failures().size());
          failedBoxes += sum.failures().isEmpty() ? 0 : 1;
        } catch (StarlingException e) {
          // One unreachable mailbox must not cost sales their digest: import what can be, report the rest.
          log.printf("  %s: FAILED: %s%n", box, e.getMessage());
          failedBoxes++;
        } finally {
          Arrays.fill(pw, '\0');
        }
      }
      String replies = config.leads().repliesMailbox();
      if (replies != null) {
        failedBoxes += readReplies(s, replies, log);
      }
      s.refreshFeatures();
      var leads = s.suggestLeads();
      log.printf("  leads %s: %d suggestions, %d new%n", leads.week(), leads.leads().size(), leads.created());
      DigestJob.Summary sum = s.digest(job, leads.week(), DigestJob.Request.send(), mailer);
      for (DigestJob.Outcome o : sum.outcomes()) {
        log.printf("  digest %s to %s: %s, %d people, %d accounts%s%n", sum.week(), o.recipient().email(), o.status().key(),
            o.people(), o.accounts(), o.detail().isEmpty() ? "" : " (" + o.detail() + ")");
      }
      if (sum.failed() || failedBoxes > 0) {
        throw new StarlingException((sum.failed() ? "some digests were not delivered" : "")
            + (sum.failed() && failedBoxes > 0 ? "; " : "") + (failedBoxes > 0 ? failedBoxes + " mailbox(es) failed" : ""));
      }
    }
  }

  /**
   * Records the outcomes salespeople replied with before this week's leads are suggested, so a rejection
   * sent by reply already holds its person back. Returns 1 when the mailbox failed (reported, not thrown:
   * sales still get their digest).
   */
  private int readReplies(Starling s, String address, PrintWriter log) {
    char[] pw = null;
    try {
      MailboxAddress box = MailboxAddress.parse(address);
      String password = env.get(IMAP_PASSWORD_ENV);
      if (password == null || password.isEmpty()) {
        throw new StarlingException("no password for " + box + ": set " + IMAP_PASSWORD_ENV);
      }
      pw = password.toCharArray();
      var sum = s.readReplies(box, pw, false);
      long recorded = sum.replies().stream().mapToLong(r -> r.recorded()).sum();
      long rejected = sum.replies().stream().mapToLong(r -> r.rejected()).sum();
      log.printf("  replies %s: %d messages, %d replies read, %d outcomes recorded, %d lines rejected, %d ignored%n", box,
          sum.messages(), sum.replies().size(), recorded, rejected, sum.ignored().size());
      sum.ignored().forEach(i -> log.printf("    %s%n", i));
      return 0;
    } catch (StarlingException e) {
      log.printf("  replies %s: FAILED: %s%n", address, e.getMessage());
      return 1;
    } finally {
      if (pw != null) {
        Arrays.fill(pw, '\0');
      }
    }
  }

  private DigestMailer mailer(Config config) {
    SmtpSettings smtp = config.smtpSettings().orElseThrow(() -> new DigestException("no smtp: section in starling.yaml:"
        + " serve sends the digest by mail"));
    String pw = env.get(smtp.passwordEnv());
    return DigestMailer.smtp(smtp, pw == null ? null : pw.toCharArray(), sleeper);
  }
}
