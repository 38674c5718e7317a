package dev.starling.engine.store;

import dev.starling.rules.Subject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The write side of the right to be forgotten: every row that is about one person, or carries their
 * address, erased inside the caller's transaction (which {@link Store#inErasingTransaction} opens with
 * secure deletion on), and the salted hash that keeps them out of later imports
 * ({@link ForgottenAddresses}).
 *
 * <p>What "every row" means, table by table (keep this list in step with the migrations):
 * {@code subscribers}, {@code messages}, {@code events}, {@code bounces} and {@code subscriber_features}
 * by the person's id; {@code leads} about the person (subject subscriber, key the address) with their
 * {@code lead_events}; {@code digest_stars} and {@code digest_sends} by address; {@code rejections}
 * whose raw line or reason names the address. Free text elsewhere that names the address (a lead
 * step's note or author, another lead's reason) has the address replaced by {@value #REDACTED}. The
 * person's account row in {@code account_features} and the saved replay states are the caller's to
 * recount ({@link FeatureTables#recountAccount}, the feature replay's {@code forget}).
 */
public final class Forgetting {
  /** What stands where free text named a forgotten address. */
  public static final String REDACTED = "[forgotten]";

  private final Store store;

  public Forgetting(Store store) {
    this.store = store;
  }

  /** When and by whom an address was forgotten. */
  public record Forgotten(long at, String by) {}

  /** What one erasure removed: the person's id (0 when the store had only traces), their account, and rows by table. */
  public record Erased(int subscriberId, String account, Map<String, Long> rows) {
    public Erased {
      rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
    }

    public long total() {
      return rows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** The record of {@code email}'s erasure, when it was forgotten. */
  public Optional<Forgotten> forgotten(String email) {
    try {
      Optional<byte[]> salt = ForgottenAddresses.salt(store.connection(), false);
      if (salt.isEmpty()) {
        return Optional.empty();
      }
      try (PreparedStatement ps = store.connection().prepareStatement("SELECT at, by FROM forgotten WHERE hash = ?")) {
        ps.setString(1, ForgottenAddresses.hash(salt.get(), email));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Forgotten(rs.getLong(1), rs.getString(2))) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the forgotten people", e);
    }
  }

  /** Erases every row about {@code email} (normalised); records nothing (see {@link #record}). */
  public Erased erase(String email) {
    Map<String, Long> rows = new LinkedHashMap<>();
    try {
      int id = 0;
      String account = null;
      try (PreparedStatement ps = store.connection().prepareStatement("SELECT s.id, f.account FROM subscribers s"
          + " LEFT JOIN subscriber_features f ON f.subscriber_id = s.id WHERE s.email = ?")) {
        ps.setString(1, email);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            id = rs.getInt(1);
            account = rs.getString(2);
          }
        }
      }
      if (id > 0) {
        // The message and event keys start with the campaign: one seek per campaign, not a scan of every row.
        rows.put("messages", update("DELETE FROM messages WHERE campaign_id IN (SELECT id FROM campaigns UNION ALL SELECT 0)"
            + " AND subscriber_id = ?", id));
        rows.put("events", update("DELETE FROM events WHERE campaign_id IN (SELECT id FROM campaigns UNION ALL SELECT 0)"
            + " AND subscriber_id = ?", id));
        rows.put("bounces", update("DELETE FROM bounces WHERE subscriber_id = ?", id));
        rows.put("subscriber_features", update("DELETE FROM subscriber_features WHERE subscriber_id = ?", id));
        rows.put("subscribers", update("DELETE FROM subscribers WHERE id = ?", id));
        // Derived, as the saved replay states are (FeatureReplay.forget): cleared, not counted as rows about them.
        new HumanOpeners(store).forget(id);
      }
      List<Long> leads = new ArrayList<>();
      try (PreparedStatement ps = store.connection().prepareStatement(
          "SELECT id FROM leads WHERE subject = ? AND subject_key = ?")) {
        ps.setString(1, Subject.SUBSCRIBER.key());
        ps.setString(2, email);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            leads.add(rs.getLong(1));
          }
        }
      }
      long steps = 0;
      for (long lead : leads) {
        steps += update("DELETE FROM lead_events WHERE lead_id = ?", lead);
        update("DELETE FROM leads WHERE id = ?", lead);
      }
      rows.put("leads", (long) leads.size());
      rows.put("lead_events", steps);
      rows.put("digest_stars", update("DELETE FROM digest_stars WHERE email = ?", email));
      rows.put("digest_sends", update("DELETE FROM digest_sends WHERE recipient = ?", email));
      rows.put("rejections", update("DELETE FROM rejections WHERE instr(lower(raw), ?) > 0 OR instr(lower(reason), ?) > 0",
          email, email));
      long redacted = redact("lead_events", "id", "note", email) + redact("lead_events", "id", "by", email)
          + redact("leads", "id", "reason", email);
      rows.put("redacted", redacted);
      // The saved replay states name clicked URLs through one shared dictionary (ids must stay distinct),
      // so a URL carrying the address cannot be redacted in place: the saved states go, and the next
      // refresh replays every campaign from the (erased) log.
      try (PreparedStatement ps = store.connection().prepareStatement(
          "SELECT EXISTS (SELECT 1 FROM replay_urls WHERE instr(lower(text), ?) > 0)")) {
        ps.setString(1, email);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getBoolean(1)) {
            rows.put("replay_urls", update("DELETE FROM replay_urls"));
            update("DELETE FROM replay_chunks");
            update("DELETE FROM replay_snapshots");
          }
        }
      }
      rows.values().removeIf(n -> n == 0);
      return new Erased(id, account, rows);
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot erase " + email, e);
    }
  }

  /**
   * Keeps the salted hash of {@code email} (making the store's salt on the first erasure) with when,
   * by whom and how many rows went, so a later import skips the person; never the address itself.
   */
  public void record(String email, long at, String by, long erased) {
    try {
      byte[] salt = ForgottenAddresses.salt(store.connection(), true).orElseThrow();
      try (PreparedStatement ps = store.connection().prepareStatement("INSERT INTO forgotten (hash, at, by, erased)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (hash) DO UPDATE SET at = excluded.at, by = excluded.by,"
          + " erased = forgotten.erased + excluded.erased")) {
        ps.setString(1, ForgottenAddresses.hash(salt, email));
        ps.setLong(2, at);
        ps.setString(3, by);
        ps.setLong(4, erased);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot record the erasure", e);
    }
  }

  private long update(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  /** Replaces {@code email}, in any case, in one text column of every row naming it; returns the rows changed. */
  private long redact(String table, String key, String column, String email) throws SQLException {
    // Table and column names are ours (constants above), never input; the address is a parameter.
    Pattern address = Pattern.compile(Pattern.quote(email), Pattern.CASE_INSENSITIVE);
    Map<Long, String> changed = new LinkedHashMap<>();
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT " + key + ", " + column + " FROM " + table + " WHERE instr(lower(" + column + "), ?) > 0")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          changed.put(rs.getLong(1), address.matcher(rs.getString(2)).replaceAll(Matcher.quoteReplacement(REDACTED)));
        }
      }
    }
    try (PreparedStatement ps = store.connection().prepareStatement(
        "UPDATE " + table + " SET " + column + " = ? WHERE " + key + " = ?")) {
      for (Map.Entry<Long, String> e : changed.entrySet()) {
        ps.setString(1, e.getValue());
        ps.setLong(2, e.getKey());
        ps.executeUpdate();
      }
    }
    return changed.size();
  }
}
