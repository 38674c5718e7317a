package dev.starling.engine.leads;

import dev.starling.engine.error.StarlingException;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.StoredFeatures;
import dev.starling.engine.store.Store;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Match;
import dev.starling.rules.Rule;
import dev.starling.rules.RuleBook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the rules over the stored features and keeps the week's suggestions.
 *
 * <p>The week is the ISO week of the features' as-of time (the newest data). A suggestion is made
 * only for an active subscriber (never unsubscribed, complained or hard-bounced), and not again for
 * the same person (or account) and rule while the rule's cooldown runs since the last suggestion or
 * since sales rejected it, nor ever again without new human activity since the last suggestion.
 * Running it twice in a week changes nothing.
 */
public final class LeadFinder {
  static final long DAY = 86_400_000L;
  /** Lead states sales can set; the first is where every suggestion starts. */
  public static final List<String> STATUSES = List.of("suggested", "accepted", "contacted", "won", "lost", "rejected");

  private final Store store;
  private final RuleBook book;

  public LeadFinder(Store store, RuleBook book) {
    this.store = store;
    this.book = book;
  }

  /**
   * What one run found.
   *
   * @param created suggestions new this run
   * @param suppressed matches dropped because the person is unsubscribed, complained or hard-bounced
   * @param held matches held back: same rule suggested before with no new activity, or in cooldown
   */
  public record Run(String week, List<Lead> leads, int subscribers, int accounts, int created, int suppressed, int held,
      double evaluateSeconds) {}

  /** Evaluates every subscriber and account, stores the new suggestions, and returns the week's leads. */
  public Run suggest() {
    return store.withConnection(c -> {
      long asOf = StoredFeatures.asOf(c);
      if (asOf == 0) {
        throw new StarlingException("no features yet: import some data first");
      }
      String week = isoWeek(asOf);
      Map<String, Prior> prior = prior(c);
      Map<String, Long> accountActivity = accountActivity(c);
      FeatureBinding bind = new FeatureBinding(FeatureSchema.standard());
      List<Pending> found = new ArrayList<>();
      int[] counts = new int[4]; // subscribers, accounts, suppressed, held
      long t0 = System.nanoTime();
      StoredFeatures.forEachSubscriber(c, f -> {
        counts[0]++;
        List<Match> matches = book.evaluate(bind.subscriber(f));
        if (matches.isEmpty()) {
          return;
        }
        if (!f.status().equals("active")) {
          counts[2] += matches.size();
          return;
        }
        for (Match m : matches) {
          offer(found, prior, week, asOf, "subscriber", f.email(), m, f.lastHumanAt(), counts);
        }
      });
      if (!book.rules(dev.starling.rules.Subject.ACCOUNT).isEmpty()) {
        StoredFeatures.forEachAccount(c, a -> {
          counts[1]++;
          for (Match m : book.evaluate(bind.account(a))) {
            offer(found, prior, week, asOf, "account", a.account(), m, accountActivity.getOrDefault(a.account(), 0L), counts);
          }
        });
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      int created = 0;
      try (PreparedStatement ins = c.prepareStatement("INSERT OR IGNORE INTO leads (week, subject, subject_key, rule_id,"
          + " priority, reason, activity_mark, status, suggested_at, status_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'suggested', ?, ?)")) {
        for (Pending p : found) {
          ins.setString(1, week);
          ins.setString(2, p.subject);
          ins.setString(3, p.key);
          ins.setString(4, p.match.rule().id());
          ins.setInt(5, p.match.rule().priority());
          ins.setString(6, p.match.reason());
          ins.setLong(7, p.activity);
          ins.setLong(8, asOf);
          ins.setLong(9, asOf);
          created += ins.executeUpdate();
        }
      }
      return new Run(week, week(c, week), counts[0], counts[1], created, counts[2], counts[3], seconds);
    });
  }

  private record Pending(String subject, String key, Match match, long activity) {}

  private record Prior(String week, long activityMark, String status, long suggestedAt, long statusAt) {}

  private static void offer(List<Pending> found, Map<String, Prior> prior, String week, long asOf, String subject,
      String key, Match m, long activity, int[] counts) {
    Prior p = prior.get(subject + "\n" + key + "\n" + m.rule().id());
    if (p != null && !p.week.equals(week)) {
      long cooldown = m.rule().cooldownDays() * DAY;
      boolean cooling = asOf - p.suggestedAt < cooldown || (p.status.equals("rejected") && asOf - p.statusAt < cooldown);
      boolean nothingNew = activity <= p.activityMark;
      if (cooling || nothingNew) {
        counts[3]++;
        return;
      }
    }
    found.add(new Pending(subject, key, m, activity));
  }

  /** The latest suggestion per (subject, key, rule). */
  private static Map<String, Prior> prior(Connection c) throws SQLException {
    Map<String, Prior> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT subject, subject_key, rule_id, week, activity_mark, status,"
        + " suggested_at, status_at FROM leads ORDER BY suggested_at, id"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1) + "\n" + rs.getString(2) + "\n" + rs.getString(3),
            new Prior(rs.getString(4), rs.getLong(5), rs.getString(6), rs.getLong(7), rs.getLong(8)));
      }
    }
    return out;
  }

  private static Map<String, Long> accountActivity(Connection c) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT account, max(coalesce(last_human_at, 0)) FROM subscriber_features"
        + " WHERE account IS NOT NULL GROUP BY account"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }

  /** The stored leads of a week, highest priority first. */
  public List<Lead> week(String week) {
    return store.readWithConnection(c -> week(c, week));
  }

  private List<Lead> week(Connection c, String week) throws SQLException {
    Map<String, Rule> rules = new HashMap<>();
    book.rules().forEach(r -> rules.put(r.id(), r));
    List<Lead> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, week, subject, subject_key, rule_id, priority, reason, status,"
        + " suggested_at FROM leads WHERE week = ? ORDER BY priority, rule_id, subject_key")) {
      ps.setString(1, week);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Rule r = rules.get(rs.getString(5));
          out.add(new Lead(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              r == null ? rs.getString(5) : r.title(), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getLong(9)));
        }
      }
    }
    // Highest priority first; within a priority, in the rules file's order (the agreement's own ranking).
    List<String> fileOrder = book.rules().stream().map(Rule::id).toList();
    out.sort(java.util.Comparator.comparingInt(Lead::priority)
        .thenComparingInt(l -> fileOrder.indexOf(l.ruleId()) < 0 ? Integer.MAX_VALUE : fileOrder.indexOf(l.ruleId()))
        .thenComparing(Lead::subjectKey));
    return out;
  }

  /**
   * Records what sales made of a lead. The time recorded is the features' as-of time (the data's
   * "now"), the clock every cooldown is measured in.
   *
   * @throws StarlingException for an unknown lead or status
   */
  public static void setStatus(Store store, long id, String status, long now) {
    if (!STATUSES.contains(status)) {
      throw new StarlingException("status must be one of " + String.join(", ", STATUSES) + " but was '" + status + "'");
    }
    int n = store.withConnection(c -> {
      // Stamped in data time (the features' as-of, like suggestions and cooldowns), else the clock.
      long asOf = StoredFeatures.asOf(c);
      try (PreparedStatement ps = c.prepareStatement("UPDATE leads SET status = ?, status_at = ? WHERE id = ?")) {
        ps.setString(1, status);
        ps.setLong(2, asOf > 0 ? asOf : now);
        ps.setLong(3, id);
        return ps.executeUpdate();
      }
    });
    if (n == 0) {
      throw new StarlingException("no lead #" + id + " (see 'starling leads')");
    }
  }

  /** {@code 2026-W12}: the ISO week of a UTC time. */
  public static String isoWeek(long millis) {
    var d = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    return String.format(java.util.Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
