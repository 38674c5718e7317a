package dev.starling.engine.store;

import dev.starling.engine.leads.LeadStatus;
import dev.starling.rules.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the weekly digest reads and records: the week's lead suggestions with what sales needs to see about
 * each person or account, the star subscribers now and as last week's digest saw them, the people behind an
 * account, and which (week, recipient) digests were sent.
 */
public final class DigestQueries {
  /** The subject codes of the {@code leads} table, bound as parameters. */
  private static final String SUBSCRIBER = Subject.SUBSCRIBER.key();
  private static final String ACCOUNT = Subject.ACCOUNT.key();
  /** The {@code subscriber_features.status} of someone who may be contacted. */
  private static final String ACTIVE = "active";
  private static final long DAY = 86_400_000L;

  private final Store store;

  public DigestQueries(Store store) {
    this.store = store;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run(Connection c) throws SQLException;
  }

  /** A reading transaction: one consistent view, never waiting for an import. */
  private <T> T read(Sql<T> work) {
    return store.read(tx -> {
      try {
        return work.run(store.connection());
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot read the digest's data", e);
      }
    });
  }

  private <T> T write(Sql<T> work) {
    return store.inTransaction(tx -> {
      try {
        return work.run(store.connection());
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot record the digest", e);
      }
    });
  }

  /**
   * One person as the digest shows them.
   *
   * @param lastHumanAt UTC ms of the last human open or click, 0 if never
   * @param firstHumanAt UTC ms of the first, 0 if never
   */
  public record PersonRow(String email, String name, String company, String domain, String country, String account,
      int received, int opened, int humanOpens, int humanClicks, double score, long lastHumanAt, long firstHumanAt,
      String status) {}

  /**
   * One account as the digest shows it.
   *
   * @param country the most common country of its people (for routing by country), or {@code null}
   */
  public record AccountRow(String account, int people, int engaged14d, int newlyEngaged14d, double scoreSum,
      long lastHumanAt, String country, String domain) {}

  /**
   * One stored lead suggestion; exactly one of {@code person} and {@code account} is set.
   *
   * @param resurfaced the same person or account was suggested in an earlier week
   */
  public record LeadRow(long id, Subject subject, String subjectKey, String ruleId, int priority, String reason,
      LeadStatus status, boolean resurfaced, PersonRow person, AccountRow account) {}

  private static final String PERSON_COLUMNS = "s.email, trim(coalesce(s.first_name, '') || ' ' || coalesce(s.last_name, '')),"
      + " s.company, s.domain, s.country, f.account, coalesce(f.received, 0), coalesce(f.campaigns_opened, 0),"
      + " coalesce(f.human_opens, 0), coalesce(f.human_clicks, 0), coalesce(f.score, 0), coalesce(f.last_human_at, 0),"
      + " coalesce(f.first_human_at, 0), coalesce(f.status, '')";

  private static PersonRow person(ResultSet rs, int at) throws SQLException {
    return new PersonRow(rs.getString(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3),
        rs.getString(at + 4), rs.getString(at + 5), rs.getInt(at + 6), rs.getInt(at + 7), rs.getInt(at + 8),
        rs.getInt(at + 9), rs.getDouble(at + 10), rs.getLong(at + 11), rs.getLong(at + 12), rs.getString(at + 13));
  }

  /** The newest data time the features were computed as of (UTC ms), or 0 when there are none. */
  public long featuresAsOf() {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(as_of), 0) FROM subscriber_features");
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  /** Every lead suggestion of {@code week}, in id order. */
  public List<LeadRow> leadsOfWeek(String week) {
    String sql = "SELECT l.id, l.subject, l.subject_key, l.rule_id, l.priority, l.reason, l.status,"
        + " EXISTS (SELECT 1 FROM leads p WHERE p.subject = l.subject AND p.subject_key = l.subject_key AND p.week < l.week), "
        + PERSON_COLUMNS + ", a.account, a.people, a.engaged_14d, a.newly_engaged_14d, a.score_sum"
        + " FROM leads l"
        + " LEFT JOIN subscribers s ON l.subject = ? AND s.email = l.subject_key"
        + " LEFT JOIN subscriber_features f ON f.subscriber_id = s.id"
        + " LEFT JOIN account_features a ON l.subject = ? AND a.account = l.subject_key"
        + " WHERE l.week = ? ORDER BY l.id";
    return read(c -> {
      List<LeadRow> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, SUBSCRIBER);
        ps.setString(2, ACCOUNT);
        ps.setString(3, week);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String subject = rs.getString(2);
            PersonRow p = SUBSCRIBER.equals(subject) && rs.getString(9) != null ? person(rs, 9) : null;
            AccountRow a = null;
            if (ACCOUNT.equals(subject)) {
              a = account(c, rs.getString(3), rs.getString(23) == null ? 0 : rs.getInt(24), rs.getInt(25), rs.getInt(26),
                  rs.getDouble(27));
            }
            out.add(new LeadRow(rs.getLong(1), Subject.fromKey(subject).orElseThrow(() -> new IllegalStateException(
                "unknown lead subject '" + subject + "' in the store")), rs.getString(3), rs.getString(4), rs.getInt(5),
                rs.getString(6), LeadStatus.ofCode(rs.getString(7)), rs.getInt(8) == 1, p, a));
          }
        }
      }
      return out;
    });
  }

  /** An account's routing facts: its people's last activity, most common country and (when all share one) domain. */
  private static AccountRow account(Connection c, String account, int people, int engaged14d, int newly, double scoreSum)
      throws SQLException {
    long last = 0;
    String country = null;
    String domain = null;
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(f.last_human_at), 0), min(s.domain), max(s.domain)"
        + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id WHERE f.account = ?")) {
      ps.setString(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          last = rs.getLong(1);
          domain = rs.getString(2) != null && rs.getString(2).equals(rs.getString(3)) ? rs.getString(2) : null;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT s.country, count(*) AS n FROM subscriber_features f"
        + " JOIN subscribers s ON s.id = f.subscriber_id WHERE f.account = ? AND s.country IS NOT NULL AND s.country <> ''"
        + " GROUP BY s.country ORDER BY n DESC, s.country LIMIT 1")) {
      ps.setString(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          country = rs.getString(1);
        }
      }
    }
    return new AccountRow(account, people, engaged14d, newly, scoreSum, last, country, domain);
  }

  /**
   * The people of {@code account} with human activity in the {@code days} before {@code asOf}: the people behind
   * a surge. Newest first (by their first activity ever), then by score.
   */
  public List<PersonRow> activePeople(String account, long asOf, int days) {
    return read(c -> {
      List<PersonRow> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM subscriber_features f"
          + " JOIN subscribers s ON s.id = f.subscriber_id WHERE f.account = ? AND f.last_human_at >= ?"
          + " ORDER BY f.first_human_at DESC, f.score DESC, s.email")) {
        ps.setString(1, account);
        ps.setLong(2, asOf - days * DAY);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(person(rs, 1));
          }
        }
      }
      return out;
    });
  }

  /** The active star subscribers now: received at least {@code minCampaigns} and human-opened at least {@code minRatio}. */
  public List<PersonRow> stars(int minCampaigns, double minRatio) {
    return read(c -> {
      List<PersonRow> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM subscriber_features f"
          + " JOIN subscribers s ON s.id = f.subscriber_id"
          + " WHERE f.received >= ? AND " + store.dialect().ratio("f.campaigns_opened", "f.received")
          + " >= ? AND f.status = ? ORDER BY s.email")) {
        ps.setInt(1, minCampaigns);
        ps.setDouble(2, minRatio);
        ps.setString(3, ACTIVE);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(person(rs, 1));
          }
        }
      }
      return out;
    });
  }

  /** Replaces the star snapshot of {@code week}. */
  public void saveStars(String week, List<String> emails) {
    write(c -> {
      try (PreparedStatement del = c.prepareStatement("DELETE FROM digest_stars WHERE week = ?")) {
        del.setString(1, week);
        del.executeUpdate();
      }
      try (PreparedStatement ins = c.prepareStatement("INSERT INTO digest_stars (week, email) VALUES (?, ?)")) {
        for (String e : emails) {
          ins.setString(1, week);
          ins.setString(2, e);
          ins.addBatch();
        }
        ins.executeBatch();
      }
      return null;
    });
  }

  /** A star snapshot: the week it was taken and the people in it, with what is known of them today. */
  public record StarSnapshot(String week, List<PersonRow> people) {}

  /** The latest star snapshot taken for a week before {@code week}, if any. */
  public Optional<StarSnapshot> starsBefore(String week) {
    return read(c -> {
      String prior;
      try (PreparedStatement ps = c.prepareStatement("SELECT max(week) FROM digest_stars WHERE week < ?")) {
        ps.setString(1, week);
        try (ResultSet rs = ps.executeQuery()) {
          prior = rs.next() ? rs.getString(1) : null;
        }
      }
      if (prior == null) {
        return Optional.<StarSnapshot>empty();
      }
      List<PersonRow> people = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM digest_stars d"
          + " JOIN subscribers s ON s.email = d.email LEFT JOIN subscriber_features f ON f.subscriber_id = s.id"
          + " WHERE d.week = ? ORDER BY s.email")) {
        ps.setString(1, prior);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            people.add(person(rs, 1));
          }
        }
      }
      return Optional.of(new StarSnapshot(prior, people));
    });
  }

  /** When the digest of {@code week} last went to {@code recipient}, if it did. */
  public Optional<Instant> lastSent(String week, String recipient) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT max(sent_at) FROM digest_sends WHERE week = ? AND recipient = ?")) {
        ps.setString(1, week);
        ps.setString(2, recipient);
        try (ResultSet rs = ps.executeQuery()) {
          long at = rs.next() ? rs.getLong(1) : 0;
          return at == 0 ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(at));
        }
      }
    });
  }

  /** Records one sent digest. */
  public void recordSent(String week, String recipient, Instant at, String messageId, int entries, int suggestions) {
    write(c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO digest_sends (week, recipient, sent_at, message_id, entries,"
          + " suggestions) VALUES (?, ?, ?, ?, ?, ?)")) {
        ps.setString(1, week);
        ps.setString(2, recipient);
        ps.setLong(3, at.toEpochMilli());
        ps.setString(4, messageId);
        ps.setInt(5, entries);
        ps.setInt(6, suggestions);
        return ps.executeUpdate();
      }
    });
  }
}
