package dev.starling.engine.app;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Format;
import dev.starling.engine.campaigns.CampaignFigures;
import dev.starling.engine.campaigns.CampaignReport;
import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.KeyFigures;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.config.Config;
import dev.starling.engine.config.ConfigFile;
import dev.starling.engine.digest.DigestException;
import dev.starling.engine.digest.DigestJob;
import dev.starling.engine.digest.DigestMailer;
import dev.starling.engine.digest.DigestSettings;
import dev.starling.engine.store.DigestQueries;
import java.util.HashMap;
import java.util.Map;
import dev.starling.engine.export.WorkbookExporter;
import dev.starling.engine.report.Labels;
import dev.starling.engine.store.CampaignStats;
import dev.starling.engine.store.Listings;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.features.replay.FeatureReplay;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.features.replay.ClassifiedEvents;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.ingest.ImportSummary;
import dev.starling.engine.ingest.Importer;
import dev.starling.engine.leads.LeadEvent;
import dev.starling.engine.leads.finder.LeadFinder;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.LeadTimeline;
import dev.starling.engine.leads.SlaFigures;
import dev.starling.engine.store.LeadOutcomes;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.EventHistory;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.LeadBook;
import dev.starling.engine.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.Optional;

/**
 * One data directory opened for work: its store and its configuration. The CLI commands and the tests
 * go through this; it keeps the features fresh before anything reads them.
 */
public final class Starling implements AutoCloseable {
  private final Path dataDir;
  private final Store store;
  private final Config config;
  private final Clock clock;
  private final Consumer<String> notes;

  private Starling(Path dataDir, Store store, Config config, Clock clock, Consumer<String> notes) {
    this.dataDir = dataDir;
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.notes = notes;
  }

  /**
   * Opens the existing store in {@code dataDir} (read-only when it is not writable) and reads its
   * configuration file; never creates a store, so a mistyped path is an error, not a new empty store.
   *
   * @param notes hears one-line notes for the user (a feature refresh skipped, and why)
   * @throws dev.starling.engine.store.StoreException when {@code dataDir} holds no store
   */
  public static Starling open(Path dataDir, Clock clock, Consumer<String> notes) {
    Store store = Store.open(dataDir);
    return withStore(dataDir, store, clock, notes);
  }

  /** {@link #open(Path, Clock, Consumer)}, dropping the notes. */
  public static Starling open(Path dataDir, Clock clock) {
    return open(dataDir, clock, note -> {});
  }

  /** Opens the store in {@code dataDir}, creating the directory and the store when missing (init, import, demo). */
  public static Starling create(Path dataDir, Clock clock) {
    Store store = Store.create(dataDir);
    return withStore(dataDir, store, clock, note -> {});
  }

  private static Starling withStore(Path dataDir, Store store, Clock clock, Consumer<String> notes) {
    try {
      return new Starling(dataDir, store, ConfigFile.load(dataDir), clock, notes);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public Store store() {
    return store;
  }

  public Config config() {
    return config;
  }

  /** Imports one file in one transaction; see {@link Importer}. Features are refreshed lazily, on the next read. */
  public ImportSummary importFile(Path file, Format format, ImportListener listener) {
    return new Importer(store, clock, config.softBounceLimit(), config.limits()).importFile(file, format, listener);
  }

  /**
   * The stored bounces, oldest first, as the table {@code bounces}.
   *
   * @param since only those at or after it, or {@code null}
   * @param kind only this class, or {@code null}
   */
  public Table bounces(Instant since, BounceKind kind) {
    List<Object[]> rows = store.read(tx -> {
      List<Object[]> read = new ArrayList<>();
      tx.bounceLog().list(since, kind, read::add);
      return read;
    });
    return Table.of(BounceTable.NAME, BounceTable.COLUMNS, rows);
  }

  /**
   * The rows imports rejected, as the table {@code rejects}.
   *
   * @param importId one import's, or {@code null} for all
   * @throws StarlingException when there is no such import
   */
  public Table rejects(Long importId) {
    List<Object[]> rows = store.read(tx -> {
      if (importId != null && !tx.importLog().exists(importId)) {
        throw new StarlingException("there is no import " + importId + " (see 'starling imports')");
      }
      List<Object[]> read = new ArrayList<>();
      tx.importLog().rejections(importId, read::add);
      return read;
    });
    return Table.of(RejectTable.NAME, RejectTable.COLUMNS, rows);
  }

  /**
   * Recomputes the features if an import landed or the settings changed since the last time. A
   * reader never waits for an import nor fails because of one: while another process writes, or when
   * the store is read-only, the refresh is skipped with a note and the stored features are read as
   * they are (the last refresh's).
   */
  public boolean refreshFeatures() {
    if (store.readOnly()) {
      notes.accept("the store is read-only: features not refreshed (showing the last computed ones)");
      return false;
    }
    if (!store.writableNow()) {
      notes.accept("another import is running: features not refreshed (showing the last computed ones)");
      return false;
    }
    return FeatureReplay.refreshIfStale(store, config.engagement(), clock);
  }

  /** The star subscribers under {@code criteria}, after bringing the features up to date. */
  public List<Star> stars(StarCriteria criteria, int limit) {
    refreshFeatures();
    FeatureTables features = new FeatureTables(store);
    return store.read(tx -> features.stars(criteria, limit));
  }

  /** One subscriber's features (after bringing them up to date), or empty when the store has no such person. */
  public Optional<SubscriberFeatures> subscriberFeatures(String email) {
    refreshFeatures();
    FeatureTables features = new FeatureTables(store);
    return store.read(tx -> features.subscriber(email));
  }

  /** One person's opens and clicks, each with its human/machine verdict and reason, in time order. */
  public List<ClassifiedEvents.Row> classifiedEvents(String email) {
    EventHistory history = new EventHistory(store);
    return store.read(tx -> ClassifiedEvents.of(history, email, config.engagement()));
  }

  /** The rules this data directory uses (its rules.file, else the default pack), checked. */
  public dev.starling.rules.RuleBook rules() {
    return dev.starling.engine.leads.RuleSource.load(dataDir, config, null);
  }

  /** Brings the features up to date, evaluates the rules and stores the week's new suggestions. */
  public LeadFinder.Run suggestLeads() {
    refreshFeatures();
    return new LeadFinder(store, rules()).suggest(clock.millis());
  }

  /** The stored suggestions of an ISO week ({@code 2026-W12}), highest priority first. */
  public List<dev.starling.engine.leads.Lead> leadsOfWeek(String week) {
    LeadFinder finder = new LeadFinder(store, rules());
    return store.read(tx -> finder.week(week));
  }

  /**
   * Records what sales made of a lead, now (by the clock), with who and why when given.
   *
   * @throws dev.starling.engine.error.StarlingException for an unknown lead or a step its status does not allow
   */
  public LeadEvent transitionLead(long id, LeadStatus to, String by, String note) {
    return new LeadBook(store).transition(id, to, by, note, clock.millis());
  }

  /**
   * Records what sales made of a lead, with the rejection's reason: {@code reason} is checked against
   * {@code leads.rejection-reasons} before the step is taken, and is only allowed on a rejection.
   *
   * @throws dev.starling.engine.error.StarlingException for an unknown reason, a reason on another
   *     step, an unknown lead or a step its status does not allow
   */
  public LeadEvent transitionLead(long id, LeadStatus to, String by, String note, String reason) {
    if (reason == null) {
      return transitionLead(id, to, by, note);
    }
    if (to != LeadStatus.REJECTED) {
      throw new dev.starling.engine.error.StarlingException("--reason goes with a rejection only, not with " + to.code());
    }
    String checked = config.leads().reason(reason);
    return new LeadBook(store).transition(id, to, by, note, checked, clock.millis());
  }

  /**
   * Every lead's life condensed (suggestion and first time at each status, owner, last rejection
   * reason), by lead id: what the lead list, the SLA report and the rule grades read.
   */
  public List<LeadTimeline> leadTimelines() {
    LeadOutcomes outcomes = new LeadOutcomes(store);
    return LeadOutcomes.timelines(store.read(tx -> outcomes.steps()));
  }

  /**
   * Lead {@code id}'s timeline and every step of it, oldest first.
   *
   * @throws dev.starling.engine.error.StarlingException for an unknown lead
   */
  public LeadSteps leadSteps(long id) {
    LeadOutcomes outcomes = new LeadOutcomes(store);
    List<LeadOutcomes.Step> steps = store.read(tx -> outcomes.steps(id));
    if (steps.isEmpty()) {
      throw new dev.starling.engine.error.StarlingException("no lead #" + id + " (see 'starling lead list')");
    }
    List<SlaTables.Step> out = new java.util.ArrayList<>();
    LeadStatus from = null;
    for (LeadOutcomes.Step st : steps) {
      out.add(new SlaTables.Step(id, st.at(), from, st.to(), st.by(), st.reason(), st.note()));
      from = st.to();
    }
    return new LeadSteps(LeadOutcomes.timelines(steps).get(0), out);
  }

  /** A lead and its history, for {@code starling lead show}. */
  public record LeadSteps(LeadTimeline lead, List<SlaTables.Step> steps) {}

  /** The SLA figures of the leads suggested in {@code range}, by {@code period} in the configured time zone. */
  public Table slaReport(Period period, DateRange range) {
    return SlaTables.sla(SlaFigures.sla(leadTimelines(), period, config.output().timeZone(), range,
        config.leads().responseBusinessDays()));
  }

  /** How sales judged each rule's suggestions. */
  public Table ruleGrades() {
    return SlaTables.grades(SlaFigures.grades(leadTimelines()));
  }

  /** Every step of a lead's life, oldest first (empty for an unknown lead). */
  public List<LeadEvent> leadHistory(long id) {
    LeadBook book = new LeadBook(store);
    return store.read(tx -> book.history(id));
  }

  /**
   * The weekly digest of this data directory's {@code digest:} settings.
   *
   * @throws DigestException when starling.yaml has no {@code digest:} section
   */
  public DigestJob digestJob() {
    return digestJob(config.digestSettings().orElseThrow(() -> new DigestException("no salespeople to send a digest to: add a"
        + " digest: section to " + dataDir.resolve(ConfigFile.NAME) + " (see the commented example 'starling init' writes)")));
  }

  /** The weekly digest with other settings (the demo brings its own salespeople). */
  public DigestJob digestJob(DigestSettings settings) {
    Map<String, String> titles = new HashMap<>();
    rules().rules().forEach(r -> titles.put(r.id(), r.title()));
    return new DigestJob(new DigestQueries(store), settings, titles, config.stars().minCampaigns(), config.stars().minRatio(),
        dataDir, clock);
  }

  /**
   * Runs the digest: of {@code week}, or (when {@code null}) of this week, after bringing the features and the
   * week's lead suggestions up to date.
   */
  public DigestJob.Summary digest(DigestJob job, String week, DigestJob.Request request, DigestMailer mailer) {
    String w = week != null ? week : suggestLeads().week();
    return job.run(w, request, mailer);
  }

  /** Campaign figures for the campaigns sent in {@code range} (dates in {@code zone}), in send order. */
  public List<CampaignFigures.Campaign> campaigns(DateRange range, ZoneId zone) {
    return new CampaignFigures(store, config.engagement(), config.stars()).campaigns(range, zone);
  }

  /** Campaigns, periods (with star counts) and links for {@code range}: what the workbook and the digest show. */
  public CampaignReport campaignReport(DateRange range, ZoneId zone, Period period) {
    return new CampaignFigures(store, config.engagement(), config.stars()).report(range, zone, period);
  }

  /**
   * Writes the managers' workbook: brings the features up to date, then puts the key figures, the campaign
   * report, the current stars, the leads suggested in {@code range} and the engaged accounts in one file.
   */
  public WorkbookExporter.Result exportWorkbook(Path file, DateRange range, Period period, Locale language, ZoneId zone) {
    refreshFeatures();
    CampaignReport report = campaignReport(range, zone, period);
    Listings lists = new Listings(store);
    long stars = lists.starCount(config.stars().minCampaigns(), config.stars().minRatio());
    KeyFigures figures = new KeyFigures(new CampaignStats(store).audience().people(), report.campaigns().size(),
        report.totals(), stars, lists.leadCount(range.start(zone), range.end(zone)));
    UnaryOperator<String> label = Labels.of(language)::column;
    String span = range.isAll() ? label.apply("all")
        : (range.from() == null ? "…" : range.from().toString()) + " – " + (range.to() == null ? "…" : range.to().toString());
    List<String[]> notes = List.of(
        new String[] {label.apply("range"), span},
        new String[] {label.apply("period"), period.toString()},
        new String[] {label.apply("time_zone"), zone.getId()});
    WorkbookExporter.Content content = new WorkbookExporter.Content(figures.table(label), notes, report,
        lists.stars(config.stars().minCampaigns(), config.stars().minRatio()), lists.leads(range.start(zone), range.end(zone)),
        lists.engagedAccounts());
    return WorkbookExporter.write(file, content, language, zone);
  }

  /** Every import recorded in the store, oldest first. */
  public List<dev.starling.engine.store.ImportRecord> importLog() {
    return store.read(tx -> tx.importLog().all());
  }

  /** The clock commands use for "now". */
  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    store.close();
  }
}
