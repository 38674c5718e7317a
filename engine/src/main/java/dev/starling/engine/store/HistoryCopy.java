package dev.starling.engine.store;

import dev.starling.connectors.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A scratch copy of a store that replays its history forward, week by week, as if the data had been
 * imported that way: what a back-test runs the feature replay and the rules on, so the real store (its
 * leads above all) is only ever read.
 *
 * <p>How: the copy is taken with {@code VACUUM INTO}; in it, the time-stamped tables (messages, events,
 * bounces, dated campaigns) are renamed to {@code pending_*} and replaced by empty ones, and the leads,
 * features, replay snapshots and digest records are emptied. {@link #advanceTo} then moves the rows
 * before a cut from the pending tables into the live ones and marks what they touched, exactly as an
 * import does, so the ordinary incremental feature refresh picks them up. The subscriber list (and the
 * statuses a list file gave) stays as it is now: a list has no history to replay.
 */
public final class HistoryCopy implements AutoCloseable {
  /** The time a message counts from: its send, else its delivery or bounce. */
  private static final String MESSAGE_TIME = "coalesce(sent_at, delivered_at, bounced_at, 0)";

  private final Path dir;
  private final Store store;
  private long cut = Long.MIN_VALUE;
  private long latest;

  private HistoryCopy(Path dir, Store store) {
    this.dir = dir;
    this.store = store;
  }

  /**
   * Copies {@code source} into {@code dir} (which must not hold a store yet) with no live history yet.
   *
   * @param everyOpenHuman mark every open as human by its provider (a verdict the open classifier
   *     takes as final): the machine-open filtering turned off
   */
  public static HistoryCopy of(Store source, Path dir, boolean everyOpenHuman) {
    Path file = dir.resolve(Store.FILE_NAME);
    try {
      Files.createDirectories(dir);
      if (Files.exists(file)) {
        throw new StoreException("a scratch store already exists at " + file, null);
      }
      // Outside any transaction (VACUUM refuses to run in one); it only reads the source.
      try (PreparedStatement ps = source.connection().prepareStatement("VACUUM INTO ?")) {
        ps.setString(1, file.toAbsolutePath().toString());
        ps.executeUpdate();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw Queries.failed(source, "cannot copy the store to " + file, e);
    }
    Store copy = Store.open(dir, false);
    try {
      copy.withConnection(c -> {
        try (Statement s = c.createStatement()) {
          for (String t : List.of("leads", "lead_events", "digest_sends", "digest_stars", "replay_snapshots", "replay_chunks", "replay_urls", "human_openers", "star_counts",
              "dirty_campaigns", "subscriber_features", "account_features")) {
            s.executeUpdate("DELETE FROM " + t);
          }
          s.executeUpdate("DELETE FROM meta WHERE key IN ('" + Meta.FEATURES_SETTINGS + "', '" + Meta.LATEST_DATA_TIME + "', '"
              + Meta.FEATURE_ROWS + "')");
          for (String t : List.of("messages", "events", "bounces", "campaigns")) {
            String sql = sql(c, t);
            s.executeUpdate("ALTER TABLE " + t + " RENAME TO pending_" + t);
            s.executeUpdate(sql);
          }
          // Undated campaigns (only named so far) stay live; dated ones arrive with their week.
          s.executeUpdate("INSERT INTO campaigns SELECT * FROM pending_campaigns WHERE sent_at IS NULL");
          s.executeUpdate("CREATE INDEX pending_events_at ON pending_events (at)");
          s.executeUpdate("CREATE INDEX pending_messages_at ON pending_messages (" + MESSAGE_TIME + ")");
        }
        if (everyOpenHuman) {
          try (PreparedStatement ps = c.prepareStatement("UPDATE pending_events SET machine_flag = 0 WHERE type = ?")) {
            ps.setInt(1, EventType.OPEN.code());
            ps.executeUpdate();
          }
        }
        return null;
      });
    } catch (RuntimeException e) {
      copy.close();
      throw e;
    }
    return new HistoryCopy(dir, copy);
  }

  private static String sql(Connection c, String table) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no table " + table);
        }
        return rs.getString(1);
      }
    }
  }

  /** The scratch store, for the feature refresh and the lead finder. */
  public Store store() {
    return store;
  }

  /**
   * Moves the history before {@code until} (UTC ms, exclusive) into the live tables and marks the
   * campaigns it touched for the next feature refresh.
   *
   * @return the newest data time now live (0 while nothing is)
   */
  public long advanceTo(long until) {
    if (until <= cut) {
      throw new IllegalArgumentException("the copy is already at " + cut + ", cannot go back to " + until);
    }
    long from = cut;
    latest = store.withConnection(c -> {
      window(c, "INSERT INTO campaigns SELECT * FROM pending_campaigns WHERE sent_at >= ? AND sent_at < ?", from, until);
      window(c, "INSERT INTO messages SELECT * FROM pending_messages WHERE " + MESSAGE_TIME + " >= ? AND "
          + MESSAGE_TIME + " < ?", from, until);
      window(c, "INSERT INTO events SELECT * FROM pending_events WHERE at >= ? AND at < ?", from, until);
      window(c, "INSERT INTO bounces SELECT * FROM pending_bounces WHERE at >= ? AND at < ?", from, until);
      int touched = window(c, "INSERT OR IGNORE INTO dirty_campaigns (campaign_id) SELECT DISTINCT campaign_id FROM"
          + " pending_messages WHERE " + MESSAGE_TIME + " >= ? AND " + MESSAGE_TIME + " < ? UNION SELECT DISTINCT"
          + " campaign_id FROM pending_events WHERE at >= ? AND at < ?", from, until, from, until);
      long newest = Math.max(latest, Math.max(max(c, "SELECT max(at) FROM pending_events WHERE at >= ? AND at < ?", from, until),
          max(c, "SELECT max(" + MESSAGE_TIME + ") FROM pending_messages WHERE " + MESSAGE_TIME + " >= ? AND "
              + MESSAGE_TIME + " < ?", from, until)));
      if (touched > 0 || newest > latest) {
        Meta.set(c, Meta.FEATURES_DIRTY, Meta.get(c, Meta.FEATURES_DIRTY).map("full"::equals).orElse(false) ? "full" : "1");
        Meta.set(c, Meta.LATEST_DATA_TIME, Long.toString(newest));
      }
      return newest;
    });
    cut = until;
    return latest;
  }

  private static int window(Connection c, String sql, long... bounds) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < bounds.length; i++) {
        ps.setLong(i + 1, bounds[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static long max(Connection c, String sql, long from, long until) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, from);
      ps.setLong(2, until);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** Closes the scratch store and deletes its files. */
  @Override
  public void close() {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
