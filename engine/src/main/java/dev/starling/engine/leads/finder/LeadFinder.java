package dev.starling.engine.leads.finder;

import dev.starling.engine.error.StarlingException;
import dev.starling.engine.features.SubscriberStatus;
import dev.starling.engine.leads.FeatureBinding;
import dev.starling.engine.leads.Lead;
import dev.starling.engine.leads.LeadSettings;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.Suppression;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.LeadBook;
import dev.starling.engine.store.Store;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Match;
import dev.starling.rules.Rule;
import dev.starling.rules.RuleBook;
import dev.starling.rules.RuleEvaluationException;
import dev.starling.rules.Subject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the rules over the stored features and keeps the week's suggestions.
 *
 * <p>The week is the ISO week of the features' as-of time (the newest data). A suggestion is made
 * only for an active subscriber (never unsubscribed, complained or hard-bounced), and not again for
 * the same person (or account) and rule while the rule's cooldown runs since the last suggestion or
 * since sales rejected it, nor ever again without new human activity since the last suggestion.
 * A rejection with a reason also holds back every rule's suggestion for the person (or the whole
 * account) for the reason's cooldown ({@link Suppression}, {@code leads.cooldown.*}).
 * Running it twice in a week changes nothing.
 *
 * <p>A rule that fails at run time on one subject (a division by a zero feature, say) is skipped for
 * that subject only; the run counts the failures per rule and reports them ({@link Run#skipped()}).
 */
public final class LeadFinder {
  static final long DAY = 86_400_000L;

  private final Store store;
  private final RuleBook book;
  private final LeadSettings settings;

  /** A finder with the default rejection cooldowns ({@link LeadSettings#DEFAULTS}). */
  public LeadFinder(Store store, RuleBook book) {
    this(store, book, LeadSettings.DEFAULTS);
  }

  /** A finder whose rejection reasons hold people and accounts back for {@code settings}' cooldowns. */
  public LeadFinder(Store store, RuleBook book, LeadSettings settings) {
    this.store = store;
    this.book = book;
    this.settings = settings;
  }

  /**
   * What one run found.
   *
   * @param created suggestions new this run
   * @param suppressed matches dropped because the person is unsubscribed, complained or hard-bounced
   * @param held matches held back: same rule suggested before with no new activity, in cooldown, or
   *     held back by a rejection's reason
   * @param skipped the rules that failed on some subjects, in the order they first failed
   */
  public record Run(String week, List<Lead> leads, int subscribers, int accounts, int created, int suppressed, int held,
      double evaluateSeconds, List<RuleFailure> skipped) {}

  /**
   * A rule that could not be evaluated for some subjects and was skipped for them.
   *
   * @param subjects how many subjects it failed on
   * @param firstSubject the first of them (an email or an account name)
   * @param message what went wrong for that first one ({@code file:line: rule 'id': ...})
   */
  public record RuleFailure(String ruleId, Subject subject, int subjects, String firstSubject, String message) {
    /** One line for the end of a run: names the rule, the count and the first subject. */
    public String describe() {
      return "rule '" + ruleId + "' could not be evaluated for " + subjects + " " + subject.key()
          + (subjects == 1 ? "" : "s") + " and was skipped for them; first " + firstSubject + ": " + message;
    }
  }

  /** Evaluates every subscriber and account, stores the new suggestions, and returns the week's leads. */
  public Run suggest(long now) {
    return suggest(new FeatureTables(store), now);
  }

  /** {@link #suggest(long)} over {@code features} (the stored rows, or a replay's state read as they would be). */
  public Run suggest(dev.starling.engine.features.FeatureSource features, long now) {
    LeadBook leads = new LeadBook(store);
    return store.inTransaction(c -> {
      long asOf = features.asOf();
      if (asOf == 0) {
        throw new StarlingException("no features yet: import some data first");
      }
      String week = isoWeek(asOf);
      Map<String, LeadBook.Prior> prior = new HashMap<>();
      leads.forEachSuggestion(p -> prior.put(key(p.subject(), p.subjectKey(), p.ruleId()), p));
      // Per account, the last human open or click of any of its people: gathered in the subscribers'
      // pass below, which reads every row anyway (a separate grouped query read them all again).
      Map<String, Long> accountActivity = new HashMap<>();
      FeatureBinding bind = new FeatureBinding(FeatureSchema.standard());
      Tally tally = new Tally(prior, week, asOf, Suppression.of(leads.rejectedNow(), settings));
      long t0 = System.nanoTime();
      features.forEachSubscriber(f -> {
        tally.subscribers++;
        if (f.account() != null) {
          accountActivity.merge(f.account(), f.lastHumanAt(), Math::max);
        }
        List<Match> matches = book.evaluate(bind.subscriber(f), e -> tally.skip(Subject.SUBSCRIBER, f.email(), e));
        if (matches.isEmpty()) {
          return;
        }
        if (f.status() != SubscriberStatus.ACTIVE) {
          tally.suppressed += matches.size();
          return;
        }
        for (Match m : matches) {
          tally.offer(Subject.SUBSCRIBER, f.email(), f.account(), m, f.lastHumanAt());
        }
      });
      if (!book.rules(Subject.ACCOUNT).isEmpty()) {
        features.forEachAccount(a -> {
          tally.accounts++;
          for (Match m : book.evaluate(bind.account(a), e -> tally.skip(Subject.ACCOUNT, a.account(), e))) {
            tally.offer(Subject.ACCOUNT, a.account(), a.account(), m, accountActivity.getOrDefault(a.account(), 0L));
          }
        });
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      int created = leads.suggest(tally.found, now);
      return new Run(week, week(leads, week), tally.subscribers, tally.accounts, created, tally.suppressed, tally.held,
          seconds, tally.failures());
    });
  }

  /** The counts and suggestions of one run, and the rules skipped on the way. */
  private static final class Tally {
    final Map<String, LeadBook.Prior> prior;
    final String week;
    final long asOf;
    final Suppression suppression;
    final List<LeadBook.Suggestion> found = new ArrayList<>();
    final Map<String, RuleFailure> failures = new LinkedHashMap<>();
    int subscribers;
    int accounts;
    int suppressed;
    int held;

    Tally(Map<String, LeadBook.Prior> prior, String week, long asOf, Suppression suppression) {
      this.prior = prior;
      this.week = week;
      this.asOf = asOf;
      this.suppression = suppression;
    }

    void offer(Subject subject, String key, String account, Match m, long activity) {
      if (suppression.subject(subject, key, account, asOf).isPresent()) {
        held++;
        return;
      }
      LeadBook.Prior p = prior.get(key(subject, key, m.rule().id()));
      if (p != null && !p.week().equals(week)) {
        long cooldown = m.rule().cooldownDays() * DAY;
        boolean cooling = asOf - p.suggestedAt() < cooldown
            || (p.status() == LeadStatus.REJECTED && asOf - p.statusAt() < cooldown);
        boolean nothingNew = activity <= p.activityMark();
        if (cooling || nothingNew) {
          held++;
          return;
        }
      }
      found.add(new LeadBook.Suggestion(week, subject, key, m.rule().id(), m.rule().priority(), m.reason(), activity, asOf));
    }

    void skip(Subject subject, String key, RuleEvaluationException e) {
      failures.merge(e.ruleId(), new RuleFailure(e.ruleId(), subject, 1, key, e.getMessage()),
          (a, b) -> new RuleFailure(a.ruleId(), a.subject(), a.subjects() + 1, a.firstSubject(), a.message()));
    }

    List<RuleFailure> failures() {
      return List.copyOf(failures.values());
    }
  }

  private static String key(Subject subject, String key, String ruleId) {
    return subject.key() + "\n" + key + "\n" + ruleId;
  }

  /** The stored leads of a week, highest priority first. */
  public List<Lead> week(String week) {
    return week(new LeadBook(store), week);
  }

  private List<Lead> week(LeadBook leads, String week) {
    Map<String, Rule> rules = new HashMap<>();
    book.rules().forEach(r -> rules.put(r.id(), r));
    List<Lead> out = new ArrayList<>(leads.week(week, id -> rules.containsKey(id) ? rules.get(id).title() : id));
    // Highest priority first; within a priority, in the rules file's order (the agreement's own ranking).
    List<String> fileOrder = book.rules().stream().map(Rule::id).toList();
    out.sort(Comparator.comparingInt(Lead::priority)
        .thenComparingInt(l -> fileOrder.indexOf(l.ruleId()) < 0 ? Integer.MAX_VALUE : fileOrder.indexOf(l.ruleId()))
        .thenComparing(Lead::subjectKey));
    return out;
  }

  /** {@code 2026-W12}: the ISO week of a UTC time. */
  public static String isoWeek(long millis) {
    var d = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    return String.format(java.util.Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
