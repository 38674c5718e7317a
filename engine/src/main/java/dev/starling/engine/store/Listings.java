package dev.starling.engine.store;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * The long lists reports show, as report tables whose rows stream straight from the store: a
 * million-row star list goes to an xlsx sheet without ever being in memory. Each read of a table's rows
 * runs its query again, in its own read transaction.
 */
public final class Listings {
  /** The star definition's ratio form, as {@code FeatureTables.stars} spells it. */

  private final Store store;

  /** The star definition's ratio form, as {@code FeatureTables.stars} spells it (through the dialect). */
  private String ratio() {
    return store.dialect().ratio("f.campaigns_opened", "f.received");
  }

  public Listings(Store store) {
    this.store = store;
  }

  public static final List<Column> STAR_COLUMNS = List.of(
      Column.of("email", ColumnType.EMAIL),
      Column.of("name", ColumnType.TEXT),
      Column.of("company", ColumnType.TEXT),
      Column.of("country", ColumnType.TEXT),
      Column.of("received", ColumnType.INTEGER),
      Column.of("opened", ColumnType.INTEGER),
      Column.of("ratio", ColumnType.RATIO),
      Column.of("human_opens", ColumnType.INTEGER),
      Column.of("machine_opens", ColumnType.INTEGER),
      Column.of("human_clicks", ColumnType.INTEGER),
      Column.of("last_human_at", ColumnType.TIME),
      Column.of("status", ColumnType.TEXT));

  /**
   * The star subscribers by the stored features (received at least {@code minCampaigns}, human-opened at
   * least {@code minRatio} of them: the ratio form, as {@code starling stars}), best first.
   */
  public Table stars(int minCampaigns, double minRatio) {
    String sql = "SELECT s.email, trim(coalesce(s.first_name, '') || ' ' || coalesce(s.last_name, '')), s.company, s.country,"
        + " f.received, f.campaigns_opened, f.human_opens, f.machine_opens, f.human_clicks, f.last_human_at, f.status"
        + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id"
        + " WHERE f.received >= ? AND " + ratio() + " >= ?"
        + " ORDER BY " + ratio() + " DESC, f.campaigns_opened DESC, s.email";
    return streamed("stars", STAR_COLUMNS, sql, ps -> {
      ps.setInt(1, minCampaigns);
      ps.setDouble(2, minRatio);
    }, (rs, row) -> {
      int received = rs.getInt(5);
      int opened = rs.getInt(6);
      long last = rs.getLong(10);
      boolean noLast = rs.wasNull() || last == 0;
      row[0] = rs.getString(1);
      row[1] = rs.getString(2);
      row[2] = rs.getString(3);
      row[3] = rs.getString(4);
      row[4] = received;
      row[5] = opened;
      row[6] = received == 0 ? null : (double) opened / received;
      row[7] = rs.getInt(7);
      row[8] = rs.getInt(8);
      row[9] = rs.getInt(9);
      row[10] = noLast ? null : Instant.ofEpochMilli(last);
      row[11] = rs.getString(11);
    });
  }

  /** How many star subscribers {@link #stars} lists. */
  public long starCount(int minCampaigns, double minRatio) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM subscriber_features f"
          + " WHERE f.received >= ? AND " + ratio() + " >= ?")) {
        ps.setInt(1, minCampaigns);
        ps.setDouble(2, minRatio);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  public static final List<Column> LEAD_COLUMNS = List.of(
      Column.of("id", ColumnType.INTEGER),
      Column.of("week", ColumnType.TEXT),
      Column.of("priority", ColumnType.INTEGER),
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("subject", ColumnType.TEXT),
      Column.of("who", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT),
      Column.of("owner", ColumnType.TEXT),
      Column.of("suggested_at", ColumnType.TIME));

  /** Lead suggestions made in {@code [from, to)} (an open bound may be {@code null}), newest week first. */
  public Table leads(Instant from, Instant to) {
    // The owner: whoever recorded the lead's latest step with a name (accepted it, contacted them ...).
    String sql = "SELECT l.id, l.week, l.priority, l.rule_id, l.subject, l.subject_key, l.reason, l.status,"
        + " (SELECT e.by FROM lead_events e WHERE e.lead_id = l.id AND e.by IS NOT NULL ORDER BY e.id DESC LIMIT 1),"
        + " l.suggested_at FROM leads l"
        + " WHERE l.suggested_at >= coalesce(?, l.suggested_at) AND l.suggested_at < coalesce(?, l.suggested_at + 1)"
        + " ORDER BY l.week DESC, l.priority, l.rule_id, l.subject_key";
    return streamed("leads", LEAD_COLUMNS, sql, ps -> {
      ps.setObject(1, from == null ? null : from.toEpochMilli());
      ps.setObject(2, to == null ? null : to.toEpochMilli());
    }, (rs, row) -> {
      row[0] = rs.getLong(1);
      row[1] = rs.getString(2);
      row[2] = rs.getInt(3);
      row[3] = rs.getString(4);
      row[4] = rs.getString(5);
      row[5] = rs.getString(6);
      row[6] = rs.getString(7);
      row[7] = rs.getString(8);
      row[8] = rs.getString(9);
      row[9] = Instant.ofEpochMilli(rs.getLong(10));
    });
  }

  /** How many lead suggestions were made in {@code [from, to)}. */
  public long leadCount(Instant from, Instant to) {
    return read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM leads"
          + " WHERE suggested_at >= coalesce(?, suggested_at) AND suggested_at < coalesce(?, suggested_at + 1)")) {
        ps.setObject(1, from == null ? null : from.toEpochMilli());
        ps.setObject(2, to == null ? null : to.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  public static final List<Column> ACCOUNT_COLUMNS = List.of(
      Column.of("account", ColumnType.TEXT),
      Column.of("people", ColumnType.INTEGER),
      Column.of("engaged_people", ColumnType.INTEGER),
      Column.of("engaged_14d", ColumnType.INTEGER),
      Column.of("newly_engaged_14d", ColumnType.INTEGER),
      Column.of("engagement_score", ColumnType.DECIMAL));

  /** Accounts (companies, business domains) with at least one engaged person, most engaged people first. */
  public Table engagedAccounts() {
    String sql = "SELECT account, people, engaged_people, engaged_14d, newly_engaged_14d, score_sum FROM account_features"
        + " WHERE engaged_people > 0 ORDER BY engaged_people DESC, score_sum DESC, account";
    return streamed("accounts", ACCOUNT_COLUMNS, sql, ps -> {}, (rs, row) -> {
      row[0] = rs.getString(1);
      row[1] = rs.getInt(2);
      row[2] = rs.getInt(3);
      row[3] = rs.getInt(4);
      row[4] = rs.getInt(5);
      row[5] = rs.getDouble(6);
    });
  }

  /**
   * A table whose rows stream from {@code sql}: each read binds the parameters, runs it in its own read
   * transaction and fills one row array, reused for every result row.
   */
  private Table streamed(String name, List<Column> columns, String sql, SqlBind bind, SqlRow fill) {
    return new Table(name, columns, sink -> read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        bind.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
          Object[] row = new Object[columns.size()];
          while (rs.next()) {
            fill.fill(rs, row);
            sink.accept(row);
          }
        }
      }
      return null;
    }));
  }

  /** Runs {@code work} in a reading transaction (never waits for an import); a SQL failure names the store. */
  private <T> T read(SqlRead<T> work) {
    return store.read(tx -> {
      try {
        return work.run(tx.connection());
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot read the report lists", e);
      }
    });
  }

  @FunctionalInterface
  private interface SqlBind {
    void bind(PreparedStatement ps) throws SQLException;
  }

  @FunctionalInterface
  private interface SqlRow {
    void fill(ResultSet rs, Object[] row) throws SQLException;
  }

  @FunctionalInterface
  private interface SqlRead<T> {
    T run(Connection c) throws SQLException;
  }
}
