package dev.starling.engine.features;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the stored features back, one row at a time (a million subscribers never sit in memory). */
public final class StoredFeatures {
  private static final String SELECT = "SELECT s.email, s.domain, s.company, f.account, f.received, f.delivered,"
      + " f.campaigns_opened, f.human_opens, f.machine_opens, f.human_clicks, f.machine_clicks, f.last_n, f.last_n_opened,"
      + " f.streak, f.recent_misses, f.last_human_at, f.first_human_at, f.score, f.trend, f.star_tier, f.was_star,"
      + " f.dormant_before, f.confidence, f.status, f.state, f.clicked_urls, f.high_intent_clicks, f.high_intent_pages, f.as_of"
      + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id";

  private StoredFeatures() {}

  /** The as-of time of the stored features, or 0 when there are none. */
  public static long asOf(Connection c) throws SQLException {
    return FeatureReplay.longQuery(c, "SELECT coalesce(max(as_of), 0) FROM subscriber_features");
  }

  public static void forEachSubscriber(Connection c, Consumer<SubscriberFeatures> each) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        each.accept(row(rs));
      }
    }
  }

  public static Optional<SubscriberFeatures> subscriber(Connection c, String email) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE s.email = ?")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  public static void forEachAccount(Connection c, Consumer<AccountFeatures> each) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT account, people, engaged_people, engaged_14d, newly_engaged_14d,"
        + " score_sum FROM account_features ORDER BY account"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        each.accept(new AccountFeatures(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6)));
      }
    }
  }

  private static SubscriberFeatures row(ResultSet rs) throws SQLException {
    return new SubscriberFeatures(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13),
        rs.getInt(14), rs.getInt(15), rs.getLong(16), rs.getLong(17), rs.getDouble(18), rs.getDouble(19), rs.getInt(20),
        rs.getInt(21) == 1, rs.getInt(22) == 1, rs.getString(23), rs.getString(24), rs.getString(25), lines(rs.getString(26)),
        rs.getInt(27), lines(rs.getString(28)), rs.getLong(29));
  }

  private static List<String> lines(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
  }
}
