package dev.starling.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The store's small key-value facts about itself (table {@code meta}). */
final class Meta {
  /**
   * "1" when an import landed after the last feature refresh (the campaigns it touched are in
   * {@code dirty_campaigns}); "full" when it also changed subscribers' list data, which the
   * incremental refresh cannot patch.
   */
  static final String FEATURES_DIRTY = "features_dirty";
  /** The newest event or message time in the store (UTC ms): the features' as-of, before the clock cap. */
  static final String LATEST_DATA_TIME = "latest_data_time";
  /** The engagement settings the stored features were computed with. */
  static final String FEATURES_SETTINGS = "features_settings";
  /**
   * "stale" when the last refresh left the feature rows to be written later (the saved replay state, slot
   * 0, holds what they will be); absent or anything else when the rows are those of the last refresh.
   */
  static final String FEATURE_ROWS = "feature_rows";

  private Meta() {}

  static Optional<String> get(Connection c, String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  static void set(Connection c, String key, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    }
  }
}
