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
import dev.starling.engine.cache.CacheCounters;
import dev.starling.engine.cache.Caches;
import dev.starling.engine.index.SearchRequest;
import dev.starling.engine.index.SearchResult;
import dev.starling.engine.index.SubscriberIndex;
import dev.starling.engine.store.SearchSource;
import java.util.HashMap;
import java.util.Map;
import dev.starling.engine.export.WorkbookExporter;
import dev.starling.engine.report.Labels;
import dev.starling.engine.store.CampaignStats;
import dev.starling.engine.store.Listings;
import dev.starling.engine.store.ReplayStates;
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
import dev.starling.engine.outcomes.OutcomeImport;
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
  /** Hear each address right after its erasure commits (the search index and the caches drop the person). */
  private final List<Consumer<String>> forgetListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Caches caches;
  private SubscriberIndex index;

  private Starling(Path dataDir, Store store, Config config, Clock clock, Consumer<String> notes) {
    this.dataDir = dataDir;
    this.store = store;
    this.config = config;
    this.clock = clock;
    this.notes = notes;
    this.caches = new Caches(() -> store.read(tx -> new SearchSource(store).changesByOthers()));
    // An erased person leaves the search index and every cached result too.
    forgetListeners.add(this::forgetInIndex);
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
    ImportSummary summary = new Importer(store, clock, config.softBounceLimit(), config.limits()).importFile(file, format, listener);
    dataChanged();
    return summary;
  }

  /**
   * After this process changed the data: drops the caches. The search index is brought up to date by the
   * next search ({@link SubscriberIndex#sync} reads every person and classifies every open), not here: an
   * import followed by the refresh would pay that pass twice, and the weekly import would pay it even when
   * nobody searches that week.
   */
  private void dataChanged() {
    caches.dataChanged();
  }

  /** This data directory's search index (opened on first use; {@link #close()} closes it). */
  public SubscriberIndex searchIndex() {
    if (index == null) {
      index = SubscriberIndex.open(dataDir, store, config.engagement());
    }
    return index;
  }

  /**
   * Searches subscribers or accounts, after bringing the features and the index up to date (the index is
   * built on first use); equal requests over unchanged data are answered from the cache.
   *
   * @throws dev.starling.engine.index.SearchQueryException when the query cannot be read (one line, with the column)
   */
  public SearchResult search(SearchRequest request) {
    SubscriberIndex.checkQuery(request); // a typo is reported at once, not after a refresh and an index build
    refreshFeatures();
    searchIndex().sync(notes);
    return caches.get(Caches.Name.SEARCH, request, searchIndex()::search);
  }

  /**
   * Removes a person from the search index (their document, and their account's document rewritten without
   * them; the index files keep no byte of the address: {@link SubscriberIndex#delete}) and drops every cached
   * result. For {@code forget}, after or before the store's rows go.
   *
   * @return whether the index held the address
   */
  public boolean forgetInIndex(String email) {
    try {
      return !java.nio.file.Files.isDirectory(dataDir.resolve(SubscriberIndex.DIR)) ? false : searchIndex().delete(email);
    } finally {
      caches.dataChanged();
    }
  }

  /** Rebuilds the search index from the store ({@code starling reindex}), after bringing the features up to date. */
  public SubscriberIndex.Update reindex() {
    refreshFeatures();
    SubscriberIndex.Update u = searchIndex().rebuild();
    caches.dataChanged();
    return u;
  }

  /** The caches' figures in this process (the summed ones, over processes, are {@link CacheCounters#read}). */
  public java.util.Map<Caches.Name, Caches.Figures> cacheFigures() {
    return caches.figures();
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
    if (!featuresWritable()) {
      return false;
    }
    boolean refreshed = FeatureReplay.refreshIfStale(store, config.engagement(), clock);
    if (refreshed) {
      dataChanged();
    }
    return refreshed;
  }

  /**
   * The features brought up to date for a command that reads them all once (stars, leads): after an
   * import, the replay's state itself, the rows being left to the first reader of the table
   * ({@link FeatureReplay#current}). Read the result inside a transaction of the store.
   */
  private dev.starling.engine.features.FeatureSource currentFeatures() {
    if (!featuresWritable()) {
      return store.read(tx -> FeatureReplay.lastComputed(store, config.engagement()));
    }
    return FeatureReplay.current(store, config.engagement(), clock, this::dataChanged);
  }

  /**
   * Writes the feature rows when the last refresh left them to be written, without replaying anything
   * new: for the readers of the table that show the features as last computed.
   */
  private void ensureFeatureRows() {
    if (!store.read(tx -> new ReplayStates(store).rowsStale()) || !featuresWritable()) {
      return;
    }
    if (store.inTransaction(c -> FeatureReplay.writeRowsIfStale(store, config.engagement(), clock.millis()))) {
      dataChanged();
    }
  }

  /**
   * Whether this process may bring the features up to date now; when not (a read-only store, another
   * import running), says so in a note: the features are read as last computed.
   */
  private boolean featuresWritable() {
    String why = store.readOnly() ? "the store is read-only" : !store.writableNow() ? "another import is running" : null;
    if (why != null) {
      notes.accept(why + ": features not refreshed (showing the last computed ones)");
    }
    return why == null;
  }

  /** Whether features were ever computed into this store (a store only loaded has none yet). */
  public boolean featuresComputed() {
    return new FeatureTables(store).asOf() != 0; // while the rows wait to be written, the saved state's time
  }

  /** The star subscribers under {@code criteria}, after bringing the features up to date. */
  public List<Star> stars(StarCriteria criteria, int limit) {
    dev.starling.engine.features.FeatureSource features = currentFeatures();
    return store.read(tx -> features.stars(criteria, limit));
  }

  /** One subscriber's features (after bringing them up to date), or empty when the store has no such person. */
  public Optional<SubscriberFeatures> subscriberFeatures(String email) {
    refreshFeatures();
    FeatureTables features = new FeatureTables(store);
    return store.read(tx -> features.subscriber(email));
  }

  /** A person on file, with or without events (someone listed who has been sent nothing yet has no features). */
  public Optional<dev.starling.engine.store.Subscribers.OnFile> subscriberOnFile(String email) {
    return store.read(tx -> tx.subscribers().onFile(email));
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
    // The rules file compiles (CEL: a third of a second for the default rules) on the other core while
    // the features are brought up to date; its errors surface as they would have without the overlap.
    java.util.concurrent.FutureTask<dev.starling.rules.RuleBook> book = new java.util.concurrent.FutureTask<>(this::rules);
    Thread compiler = new Thread(book, "rules");
    compiler.setDaemon(true);
    compiler.start();
    dev.starling.engine.features.FeatureSource features = currentFeatures();
    return new LeadFinder(store, joined(book), config.leads()).suggest(features, clock.millis());
  }

  private static <T> T joined(java.util.concurrent.FutureTask<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StarlingException("interrupted while reading the rules");
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Why sales' rejections hold {@code key} (a person's email, or an account) back from new suggestions now,
   * at the features' as-of time: empty when they do not.
   */
  public Optional<dev.starling.engine.leads.Suppression.Why> suppression(dev.starling.rules.Subject subject, String key) {
    ensureFeatureRows();
    FeatureTables features = new FeatureTables(store);
    LeadBook book = new LeadBook(store);
    return store.read(tx -> {
      String account = subject == dev.starling.rules.Subject.ACCOUNT ? key
          : features.subscriber(key).map(SubscriberFeatures::account).orElse(null);
      return dev.starling.engine.leads.Suppression.of(book.rejectedNow(), config.leads())
          .subject(subject, key, account, features.asOf());
    });
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
   * Imports an outcome list exported from a CRM (CSV or .xlsx) in one transaction; see {@link OutcomeImport}.
   *
   * @param by who recorded the outcomes, for rows without an owner, or {@code null}
   * @throws dev.starling.engine.error.StarlingException when the file cannot be read as an outcome list
   */
  public OutcomeImport.Summary importOutcomes(Path file, String by) {
    return OutcomeImport.importFile(store, file, by, config.leads(), config.output().timeZone(), clock.millis());
  }

  /**
   * Reads the salespeople's replies to the digest from {@code mailbox} and records their outcome lines;
   * see {@link dev.starling.engine.outcomes.DigestReplies}.
   *
   * @param password read, never kept
   * @throws DigestException when starling.yaml names no salespeople (nobody's reply could count)
   */
  public dev.starling.engine.outcomes.DigestReplies.Summary readReplies(dev.starling.engine.mailbox.MailboxAddress mailbox,
      char[] password, boolean allowPlaintext) {
    DigestSettings digest = config.digestSettings().orElseThrow(() -> new DigestException("no salespeople whose replies"
        + " count: add a digest: section with salespeople to " + dataDir.resolve(ConfigFile.NAME)));
    return new dev.starling.engine.outcomes.DigestReplies(store, digest.routing(), config.leads(), config.output().timeZone(),
        clock.millis()).read(mailbox, password, allowPlaintext);
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

  /**
   * Back-tests a rules file (the data directory's when {@code rulesFile} is {@code null}) over the weeks
   * overlapping {@code from..to}; see {@link dev.starling.engine.backtest.Backtest}. Works on scratch
   * copies of the store in the system's temporary directory: the stored leads are only read.
   */
  public Table backtest(Path rulesFile, java.time.LocalDate from, java.time.LocalDate to) {
    dev.starling.rules.RuleBook book = dev.starling.engine.leads.RuleSource.load(dataDir, config, rulesFile);
    List<LeadTimeline> stored = leadTimelines();
    Path scratch;
    try {
      scratch = java.nio.file.Files.createTempDirectory("starling-backtest-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try {
      return SlaTables.backtest(dev.starling.engine.backtest.Backtest.run(store, book, config.engagement(), from, to, stored,
          scratch));
    } finally {
      try {
        java.nio.file.Files.deleteIfExists(scratch);
      } catch (java.io.IOException ignored) {
        // a leftover empty directory in the temporary directory is harmless
      }
    }
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
        dataDir, clock, new dev.starling.engine.digest.DigestSla.Source(this::leadTimelines, config.output().timeZone(),
            config.leads().responseBusinessDays()));
  }

  /**
   * Runs the digest: of {@code week}, or (when {@code null}) of this week, after bringing the features and the
   * week's lead suggestions up to date.
   */
  public DigestJob.Summary digest(DigestJob job, String week, DigestJob.Request request, DigestMailer mailer) {
    // The digest reads the stars and accounts from the feature rows: brought up to date (written) first.
    if (week == null) {
      refreshFeatures();
    } else {
      ensureFeatureRows();
    }
    String w = week != null ? week : suggestLeads().week();
    return job.run(w, request, mailer);
  }

  /** Campaign figures for the campaigns sent in {@code range} (dates in {@code zone}), in send order. */
  public List<CampaignFigures.Campaign> campaigns(DateRange range, ZoneId zone) {
    return new CampaignFigures(store, config.engagement(), config.stars()).campaigns(range, zone);
  }

  /** Campaigns, periods (with star counts) and links for {@code range}: what the workbook and the digest show. */
  public CampaignReport campaignReport(DateRange range, ZoneId zone, Period period) {
    record Key(DateRange range, ZoneId zone, Period period) {}
    return caches.get(Caches.Name.AGGREGATES, new Key(range, zone, period),
        k -> new CampaignFigures(store, config.engagement(), config.stars()).report(range, zone, period));
  }

  /**
   * Writes the managers' workbook: brings the features up to date, then puts the key figures, the campaign
   * report, the current stars, the leads suggested in {@code range}, the engaged accounts, and the SLA figures of the
   * leads suggested in {@code range} by {@code period} with the rule grades, in one file.
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
        lists.engagedAccounts(), SlaTables.sla(SlaFigures.sla(leadTimelines(), period, zone, range,
            config.leads().responseBusinessDays())), ruleGrades());
    return WorkbookExporter.write(file, content, language, zone);
  }

  /** Every import recorded in the store, oldest first. */
  public List<dev.starling.engine.store.ImportRecord> importLog() {
    return store.read(tx -> tx.importLog().all());
  }

  /**
   * One person in full (who, status and why, features, timeline, leads), after bringing the features
   * up to date.
   *
   * @param email normalised
   * @throws StarlingException when the store has no such subscriber (suggesting close addresses)
   */
  public SubscriberProfile subscriberProfile(String email) {
    refreshFeatures();
    dev.starling.engine.store.PersonData data = new dev.starling.engine.store.PersonData(store);
    FeatureTables features = new FeatureTables(store);
    EventHistory history = new EventHistory(store);
    SubscriberProfile.Facts facts = store.read(tx -> {
      var person = data.person(email).orElse(null);
      if (person == null) {
        return null;
      }
      return new SubscriberProfile.Facts(person, features.subscriber(email), data.messages(person.id()),
          data.bounces(person.id()), data.removals(person.id()), ClassifiedEvents.of(history, email, config.engagement()),
          data.leads(dev.starling.rules.Subject.SUBSCRIBER, email));
    });
    if (facts == null) {
      throw unknownSubscriber(email);
    }
    return SubscriberProfile.of(facts, dev.starling.rules.FeatureSchema.standard());
  }

  /**
   * One account in full (features, people, leads), after bringing the features up to date.
   *
   * @param name the account's name as {@code starling stars} and the rules show it (any case)
   * @throws StarlingException when there is no such account (suggesting names that start alike)
   */
  public AccountProfile accountProfile(String name) {
    dev.starling.engine.features.AccountFeatures account = accountFeatures(name);
    FeatureTables features = new FeatureTables(store);
    dev.starling.engine.store.PersonData data = new dev.starling.engine.store.PersonData(store);
    return store.read(tx -> {
      List<SubscriberFeatures> people = features.ofAccount(account.account());
      List<dev.starling.engine.store.PersonData.PersonLead> leads =
          new ArrayList<>(data.leads(dev.starling.rules.Subject.ACCOUNT, account.account()));
      for (SubscriberFeatures p : people) {
        leads.addAll(data.leads(dev.starling.rules.Subject.SUBSCRIBER, p.email()));
      }
      return AccountProfile.of(account, people, leads, dev.starling.rules.FeatureSchema.standard());
    });
  }

  /**
   * One account's features (after bringing them up to date): what the rules' account subject reads.
   *
   * @throws StarlingException when there is no such account
   */
  public dev.starling.engine.features.AccountFeatures accountFeatures(String name) {
    refreshFeatures();
    String key = name.strip().toLowerCase(Locale.ROOT);
    FeatureTables features = new FeatureTables(store);
    Optional<dev.starling.engine.features.AccountFeatures> found =
        caches.get(Caches.Name.ACCOUNT_FEATURES, key, k -> store.read(tx -> features.account(k)));
    return found.orElseThrow(() -> {
      List<String> close = store.read(tx -> features.accountsStartingWith(key.substring(0, Math.min(3, key.length())), 3));
      return new StarlingException("no account '" + name.strip() + "' in " + dataDir
          + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
    });
  }

  /**
   * Erases each of {@code emails} from every table, keeps only a salted hash of each (so a later import
   * skips them), tells the forget listeners, and makes sure no byte of the addresses is left in the store's
   * files (searching them, rebuilding the file when a stale copy is found).
   * All or nothing: one unknown address and nobody is erased.
   *
   * @param emails normalised addresses
   * @param by who asked for it, or null
   * @throws StarlingException for an address the store has no trace of, or one forgotten before
   */
  public dev.starling.engine.privacy.Erasure.Result forget(List<String> emails, String by) {
    return new dev.starling.engine.privacy.Erasure(store, clock).forget(emails, by, this::unknownSubscriber, this::afterForget);
  }

  /** Adds a listener that hears each erased address once its erasure committed (a search index, a cache). */
  public void onForget(Consumer<String> listener) {
    forgetListeners.add(listener);
  }

  /** The one place an erasure reaches beyond the store: every forget listener drops the person. */
  private void afterForget(String email) {
    forgetListeners.forEach(l -> l.accept(email));
  }

  /**
   * Everything held about one person as a JSON document (an access request; docs/privacy.md).
   *
   * @throws StarlingException when the store has no trace of the address
   */
  public String exportPerson(String email) {
    ensureFeatureRows();
    return new dev.starling.engine.privacy.AccessRequest(store, config.engagement()).json(email, clock.millis())
        .orElseThrow(() -> unknownSubscriber(email));
  }

  /** "no subscriber x in DIR", with up to three stored addresses close to it when there are some. */
  private StarlingException unknownSubscriber(String email) {
    List<String> close = store.read(tx -> new dev.starling.engine.store.PersonData(store).closeTo(email, 3));
    return new StarlingException("no subscriber " + email + " in " + dataDir
        + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?"));
  }

  /** The clock commands use for "now". */
  public Clock clock() {
    return clock;
  }

  @Override
  public void close() {
    try {
      if (index != null) {
        index.close();
      }
      CacheCounters.add(dataDir, caches.figures());
    } finally {
      store.close();
    }
  }
}
