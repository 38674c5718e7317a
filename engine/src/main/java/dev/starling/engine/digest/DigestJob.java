package dev.starling.engine.digest;

import dev.starling.engine.leads.LeadTimeline;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Labels;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.DigestQueries;
import dev.starling.engine.store.DigestQueries.PersonRow;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One run of {@code starling digest}: plans the week's digests, renders each, and sends it (or writes it as an
 * .eml file on a dry run), recording each (week, recipient) sent so that it never goes twice unless asked.
 * A recipient whose delivery fails is reported and the others still get theirs.
 */
public final class DigestJob {
  private final DigestQueries queries;
  private final DigestSettings settings;
  private final Map<String, String> ruleTitles;
  private final int minCampaigns;
  private final double minRatio;
  private final Path dataDir;
  private final Clock clock;
  private final DigestSla.Source sla;

  /**
   * @param dataDir where a {@code templates/} folder may override the shipped templates
   * @param ruleTitles rule id to title, from the rules file in use
   */
  public DigestJob(DigestQueries queries, DigestSettings settings, Map<String, String> ruleTitles, int minCampaigns,
      double minRatio, Path dataDir, Clock clock) {
    this(queries, settings, ruleTitles, minCampaigns, minRatio, dataDir, clock, null);
  }

  /**
   * As above, with the leads the digest's SLA section is computed from ({@code null}: no SLA section).
   */
  public DigestJob(DigestQueries queries, DigestSettings settings, Map<String, String> ruleTitles, int minCampaigns,
      double minRatio, Path dataDir, Clock clock, DigestSla.Source sla) {
    this.sla = sla;
    this.queries = queries;
    this.settings = settings;
    this.ruleTitles = Map.copyOf(ruleTitles);
    this.minCampaigns = minCampaigns;
    this.minRatio = minRatio;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  /**
   * What to do.
   *
   * @param dryRunDir write one .eml per recipient here and send nothing; {@code null} to send
   * @param only only this recipient's digest, or {@code null} for everyone
   * @param resend send again to recipients who already got this week's digest
   */
  public record Request(Path dryRunDir, String only, boolean resend) {
    public static Request send() {
      return new Request(null, null, false);
    }

    public static Request dryRun(Path dir) {
      return new Request(dir, null, false);
    }
  }

  /** What happened to one recipient's digest. */
  public enum Status {
    SENT, WRITTEN, ALREADY_SENT, FAILED;

    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One recipient's outcome.
   *
   * @param detail the .eml file written, the time it was sent before, or why it failed
   */
  public record Outcome(Salesperson recipient, Status status, int suggestions, int people, int accounts, int shown,
      String detail) {}

  /**
   * The run's outcome.
   *
   * @param unrouted suggestions no assignment matched (only possible without a default recipient)
   */
  public record Summary(String week, List<Outcome> outcomes, List<DigestEntry> unrouted, int suggestions, double seconds) {
    public boolean failed() {
      return outcomes.stream().anyMatch(o -> o.status() == Status.FAILED);
    }

    /** The summary as a report table: who got what. */
    public Table table() {
      List<Object[]> rows = new ArrayList<>();
      for (Outcome o : outcomes) {
        rows.add(new Object[] {o.recipient().email(), o.recipient().language().key(), o.status().key(), (long) o.suggestions(),
            (long) o.people(), (long) o.accounts(), (long) o.shown(), o.detail()});
      }
      return Table.of("digest_outcomes", List.of(Column.of("recipient", ColumnType.EMAIL), Column.of("language", ColumnType.TEXT),
          Column.of("outcome", ColumnType.TEXT), Column.of("suggestions", ColumnType.INTEGER), Column.of("people", ColumnType.INTEGER),
          Column.of("accounts", ColumnType.INTEGER), Column.of("in_message", ColumnType.INTEGER), Column.of("detail", ColumnType.TEXT)),
          rows);
    }
  }

  /** Plans the week's digests without rendering or sending them (figures, tests). */
  public DigestPlan.Result plan(String week) {
    return new DigestPlan(settings.routing(), settings.cap(), ruleTitles, clock).plan(queries, week, minCampaigns, minRatio);
  }

  /**
   * Runs the digest of {@code week}.
   *
   * @param mailer how to send; unused (may be {@code null}) on a dry run
   * @throws DigestException when {@code only} names no salesperson, or a template is broken
   */
  public Summary run(String week, Request req, DigestMailer mailer) {
    long t0 = System.nanoTime();
    if (req.only() != null && settings.routing().person(req.only()).isEmpty()) {
      throw new DigestException("--only " + req.only() + " is not one of the salespeople in digest.salespeople ("
          + String.join(", ", settings.routing().people().stream().map(Salesperson::email).toList()) + ")");
    }
    if (req.dryRunDir() == null && mailer == null) {
      throw new IllegalArgumentException("a mailer is needed unless this is a dry run");
    }
    DigestPlan.Result plan = plan(week);
    if (DigestPlan.isoWeek(java.time.LocalDate.ofInstant(Instant.ofEpochMilli(queries.featuresAsOf()), java.time.ZoneOffset.UTC))
        .equals(week)) {
      // Only the data's own week is observed; rerunning an old week must not overwrite what it saw then.
      queries.saveStars(week, queries.stars(minCampaigns, minRatio).stream().map(PersonRow::email).toList());
    }
    List<LeadTimeline> leads = sla == null ? List.of() : sla.leads().get();
    Map<String, Integer> overdue = sla == null ? Map.of() : overdueByRecipient(leads);
    DigestTemplates templates = new DigestTemplates(dataDir);
    DigestMessage.Senders senders = DigestMessage.Senders.of(settings.from(), settings.replyTo());
    Session session = req.dryRunDir() == null ? mailer.session() : DigestMailer.offline();
    List<Outcome> outcomes = new ArrayList<>();
    for (Digest d : plan.digests()) {
      Salesperson to = d.recipient();
      if (req.only() != null && !to.email().equals(req.only().strip().toLowerCase(Locale.ROOT))) {
        continue;
      }
      int shown = d.shownPeople().size() + d.shownAccounts().size();
      if (req.dryRunDir() == null && !req.resend()) {
        Optional<Instant> before = queries.lastSent(week, to.email());
        if (before.isPresent()) {
          outcomes.add(new Outcome(to, Status.ALREADY_SENT, d.suggestions(), d.people().size(), d.accounts().size(), shown,
              "sent " + before.get() + "; --resend to send again"));
          continue;
        }
      }
      String attachmentName = "starling-" + week + ".xlsx";
      DigestTemplates.Rendered r = templates.render(d, senders.replyTo() == null ? null : senders.replyTo().getAddress(),
          attachmentName, sla == null ? null : DigestSla.of(sla, leads, to, clock.millis(), overdue));
      Labels labels = Labels.of(to.language().locale());
      byte[] xlsx = XlsxAttachment.write(List.of(DigestTable.suggestions(d), DigestTable.accountPeople(d)), to.zone(),
          c -> labels.column(c.key()), t -> labels.table(t.name()));
      Instant now = clock.instant();
      try {
        MimeMessage m = DigestMessage.build(session, d, r, xlsx, attachmentName, senders, now);
        if (req.dryRunDir() != null) {
          Path file = req.dryRunDir().resolve(week + "-" + to.email() + ".eml");
          write(m, file);
          outcomes.add(new Outcome(to, Status.WRITTEN, d.suggestions(), d.people().size(), d.accounts().size(), shown,
              file.toString()));
        } else {
          int attempts = mailer.send(m);
          queries.recordSent(week, to.email(), now, m.getMessageID(), d.opportunities(), d.suggestions());
          outcomes.add(new Outcome(to, Status.SENT, d.suggestions(), d.people().size(), d.accounts().size(), shown,
              attempts == 1 ? "" : "after " + attempts + " attempts"));
        }
      } catch (DigestMailer.DeliveryException e) {
        outcomes.add(new Outcome(to, Status.FAILED, d.suggestions(), d.people().size(), d.accounts().size(), shown, e.getMessage()));
      } catch (MessagingException e) {
        throw new DigestException("cannot build the digest for " + to.email() + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        outcomes.add(new Outcome(to, Status.FAILED, d.suggestions(), d.people().size(), d.accounts().size(), shown,
            "interrupted while waiting to retry"));
        break;
      }
    }
    return new Summary(week, outcomes, plan.unrouted(), plan.suggestions(), (System.nanoTime() - t0) / 1e9);
  }

  /** The leads past their response time per recipient, routed as this week's suggestions are. */
  private Map<String, Integer> overdueByRecipient(List<LeadTimeline> leads) {
    java.util.Set<Long> ids = DigestSla.overdue(sla, leads, clock.millis());
    java.util.Set<String> weeks = new java.util.TreeSet<>();
    leads.stream().filter(l -> ids.contains(l.id())).forEach(l -> weeks.add(l.week()));
    List<DigestQueries.LeadRow> rows = new ArrayList<>();
    for (String w : weeks) {
      queries.leadsOfWeek(w).stream().filter(l -> ids.contains(l.id())).forEach(rows::add);
    }
    return new DigestPlan(settings.routing(), settings.cap(), ruleTitles, clock).routedCounts(rows);
  }

  private static void write(MimeMessage m, Path file) throws MessagingException {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = Files.newOutputStream(file)) {
        m.writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
