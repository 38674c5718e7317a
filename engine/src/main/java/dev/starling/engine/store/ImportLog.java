package dev.starling.engine.store;

import dev.starling.connectors.Rejection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * The record of imports: one {@code imports} row per file with its figures, the rows it rejected,
 * its data-quality figures, the campaigns it touched (for the incremental feature refresh) and the
 * newest data time the store holds. A file counts as imported only when the transaction that
 * {@link #begin began} its record commits.
 */
public final class ImportLog {
  /** Meta key present in stores whose events were keyed before user agent and IP counted (migration 006). */
  static final String LEGACY_DEDUPE = "legacy_dedupe_keys";

  private final Connection c;
  private BatchedStatement rejection;

  ImportLog(Connection c, Dialect dialect) {
    this.c = c;
  }

  /** The earlier import of a file with this SHA-256, if any. */
  public Optional<Long> findBySha256(String sha256) {
    try {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM imports WHERE sha256 = ? ORDER BY id LIMIT 1")) {
        ps.setString(1, sha256);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
        }
      }
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.findBySha256", e);
    }
  }

  /**
   * Whether an earlier file import may have had {@code bytes} bytes: one of that size, or one recorded
   * before sizes were (schema 016). When not, the file cannot be one imported before, whatever its hash.
   */
  public boolean mayHaveImported(long bytes) {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM imports WHERE bytes IS NULL OR bytes = ? LIMIT 1")) {
      ps.setLong(1, bytes);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.mayHaveImported", e);
    }
  }

  /** Starts the record of one import and returns its number; {@link #finish} fills in the figures. */
  public long begin(String source, String sha256, String format, long startedAt) {
    return begin(source, sha256, format, startedAt, 0);
  }

  /**
   * {@link #begin(String, String, String, long)} for a file of {@code bytes} bytes (0: not a file of the
   * store's data); {@code sha256} may be "" until {@link #hashed} gives it, in the same transaction.
   */
  public long begin(String source, String sha256, String format, long startedAt, long bytes) {
    try {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO imports (source, sha256, format, kind, started_at, finished_at, rows_read, imported, duplicates, rejected,"
              + " new_subscribers, new_campaigns, bytes) VALUES (?, ?, ?, '', ?, 0, 0, 0, 0, 0, 0, 0, ?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, source);
        ps.setString(2, sha256);
        ps.setString(3, format);
        ps.setLong(4, startedAt);
        ps.setLong(5, bytes);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(1);
        }
      }
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.begin", e);
    }
  }

  /** Records the SHA-256 of import {@code importId}'s file, begun without it. */
  public void hashed(long importId, String sha256) {
    try (PreparedStatement ps = c.prepareStatement("UPDATE imports SET sha256 = ? WHERE id = ?")) {
      ps.setString(1, sha256);
      ps.setLong(2, importId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.hashed", e);
    }
  }

  /** Queues a rejected row of the import, kept with its reason and raw text. */
  public void reject(long importId, Rejection r) {
    try {
      if (rejection == null) {
        rejection = new BatchedStatement(c, "INSERT INTO rejections (import_id, line, reason, raw) VALUES (?, ?, ?, ?)", null);
      }
      rejection.ps.setLong(1, importId);
      rejection.ps.setLong(2, r.line());
      rejection.ps.setString(3, r.reason());
      rejection.ps.setString(4, r.raw());
      rejection.queue(0);
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.reject", e);
    }
  }

  public void flush() {
    try {
      if (rejection != null) {
        rejection.flush();
      }
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.flush", e);
    }
  }

  /**
   * The data-quality figures of an import whose rows are all flushed: primary-key lookups from its
   * events, and per campaign it touched (campaign 0, list-level events, has no sends).
   */
  public DataQuality quality(long importId, BitSet touchedCampaigns) {
    try {
      // One pass per touched campaign over the import's own events: the primary key's campaign prefix
      // finds them (events has no import_id index; filtering the whole table on it scanned every row
      // ever imported, three times, about a second per weekly import at 100k subscribers).
      long noSend = 0;
      long clicksEarly = 0;
      long beforeSignup = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT"
          + " coalesce(sum(CASE WHEN e.type IN (?, ?) AND m.subscriber_id IS NULL THEN 1 ELSE 0 END), 0),"
          + " coalesce(sum(CASE WHEN e.type = ? AND m.delivered_at > e.at THEN 1 ELSE 0 END), 0),"
          + " coalesce(sum(CASE WHEN s.created_at > e.at THEN 1 ELSE 0 END), 0)"
          + " FROM events e LEFT JOIN messages m ON m.campaign_id = e.campaign_id AND m.subscriber_id = e.subscriber_id"
          + " JOIN subscribers s ON s.id = e.subscriber_id WHERE e.campaign_id = ? AND e.import_id = ?")) {
        ps.setInt(1, OPEN);
        ps.setInt(2, CLICK);
        ps.setInt(3, CLICK);
        ps.setLong(5, importId);
        for (int camp = touchedCampaigns.nextSetBit(0); camp >= 0; camp = touchedCampaigns.nextSetBit(camp + 1)) {
          ps.setInt(4, camp);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            noSend += rs.getLong(1);
            clicksEarly += rs.getLong(2);
            beforeSignup += rs.getLong(3);
          }
        }
      }
      long untracked = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM messages WHERE campaign_id = ? AND NOT EXISTS"
          + " (SELECT 1 FROM events e WHERE e.campaign_id = ? AND e.type IN (?, ?))")) {
        for (int camp = touchedCampaigns.nextSetBit(1); camp > 0; camp = touchedCampaigns.nextSetBit(camp + 1)) {
          ps.setInt(1, camp);
          ps.setInt(2, camp);
          ps.setInt(3, OPEN);
          ps.setInt(4, CLICK);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            untracked += rs.getLong(1);
          }
        }
      }
      return new DataQuality(noSend, clicksEarly, beforeSignup, untracked);
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.quality", e);
    }
  }

  private static final int OPEN = dev.starling.connectors.EventType.OPEN.code();
  private static final int CLICK = dev.starling.connectors.EventType.CLICK.code();

  /** Completes the record of an import with its figures. */
  public void finish(long importId, ImportFigures f, DataQuality q) {
    try {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE imports SET kind = ?, finished_at = ?, rows_read = ?, imported = ?, duplicates = ?, rejected = ?,"
              + " new_subscribers = ?, new_campaigns = ?, no_send_engagements = ?, clicks_before_delivery = ?,"
              + " events_before_signup = ?, untracked_sends = ? WHERE id = ?")) {
        ps.setString(1, f.kind());
        ps.setLong(2, f.finishedAt());
        ps.setLong(3, f.rowsRead());
        ps.setLong(4, f.imported());
        ps.setLong(5, f.duplicates());
        ps.setLong(6, f.rejected());
        ps.setLong(7, f.newSubscribers());
        ps.setLong(8, f.newCampaigns());
        ps.setLong(9, q.noSendEngagements());
        ps.setLong(10, q.clicksBeforeDelivery());
        ps.setLong(11, q.eventsBeforeSignup());
        ps.setLong(12, q.untrackedSends());
        ps.setLong(13, importId);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.finish", e);
    }
  }

  /** Records what an import skipped, grouped into derived campaigns, and suppressed (schema 009). */
  public void recordIntake(long importId, long skipped, long grouped, long suppressed) {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE imports SET skipped = ?, grouped_untagged = ?, suppressed = ? WHERE id = ?")) {
      ps.setLong(1, skipped);
      ps.setLong(2, grouped);
      ps.setLong(3, suppressed);
      ps.setLong(4, importId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.recordIntake", e);
    }
  }

  /** Whether an import of this number exists. */
  public boolean exists(long importId) {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM imports WHERE id = ?")) {
      ps.setLong(1, importId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.exists", e);
    }
  }

  /**
   * The rows imports rejected, in import and line order, as {@code import_id, file, line, reason, raw}.
   *
   * @param importId one import's, or {@code null} for every import's
   */
  public void rejections(Long importId, java.util.function.Consumer<Object[]> rows) {
    try (PreparedStatement ps = c.prepareStatement("SELECT r.import_id, i.source, r.line, r.reason, r.raw FROM rejections r"
        + " JOIN imports i ON i.id = r.import_id WHERE ? IS NULL OR r.import_id = ? ORDER BY r.import_id, r.line")) {
      if (importId == null) {
        ps.setNull(1, java.sql.Types.INTEGER);
        ps.setNull(2, java.sql.Types.INTEGER);
      } else {
        ps.setLong(1, importId);
        ps.setLong(2, importId);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.accept(new Object[] {rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)});
        }
      }
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.rejections", e);
    }
  }

  /**
   * Marks the features stale after an import: the campaigns it touched, for the incremental refresh,
   * or all of them when it changed list data ({@code listChanged}), which that refresh cannot patch.
   */
  public void markFeaturesDirty(BitSet touchedCampaigns, boolean listChanged) {
    try {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO dirty_campaigns (campaign_id) VALUES (?) ON CONFLICT DO NOTHING")) {
        for (int camp = touchedCampaigns.nextSetBit(0); camp >= 0; camp = touchedCampaigns.nextSetBit(camp + 1)) {
          ps.setInt(1, camp);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      boolean full = listChanged || Meta.get(c, Meta.FEATURES_DIRTY).map("full"::equals).orElse(false);
      Meta.set(c, Meta.FEATURES_DIRTY, full ? "full" : "1");
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.markFeaturesDirty", e);
    }
  }

  /** Raises the store's newest data time (UTC ms) to {@code latest} if it is newer. */
  public void noteDataTime(long latest) {
    try {
      Meta.set(c, Meta.LATEST_DATA_TIME, Long.toString(Math.max(latest, latestDataTime())));
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.noteDataTime", e);
    }
  }

  /** The newest event or message time in the store: kept in meta, else (a store from before) found by a scan. */
  public long latestDataTime() {
    try {
      Optional<String> kept = Meta.get(c, Meta.LATEST_DATA_TIME);
      if (kept.isPresent()) {
        return Long.parseLong(kept.get());
      }
      return Math.max(count("SELECT coalesce(max(at), 0) FROM events"),
          count("SELECT coalesce(max(coalesce(delivered_at, sent_at, bounced_at)), 0) FROM messages"));
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.latestDataTime", e);
    }
  }

  /** Every import, oldest first. */
  public List<ImportRecord> all() {
    try {
      List<ImportRecord> out = new ArrayList<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT id, source, format, kind, started_at, finished_at, rows_read, imported, duplicates, rejected, new_subscribers,"
              + " new_campaigns, no_send_engagements, clicks_before_delivery, events_before_signup, untracked_sends"
              + " FROM imports ORDER BY id")) {
        while (rs.next()) {
          out.add(new ImportRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
              new ImportFigures(rs.getString(4), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                  rs.getLong(11), rs.getLong(12)),
              new DataQuality(rs.getLong(13), rs.getLong(14), rs.getLong(15), rs.getLong(16))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw StoreException.failed("ImportLog.all", e);
    }
  }

  Optional<String> meta(String key) throws SQLException {
    return Meta.get(c, key);
  }

  private long count(String sql, long... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setLong(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
