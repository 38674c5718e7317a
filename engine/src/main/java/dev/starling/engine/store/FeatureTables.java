package dev.starling.engine.store;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.Confidence;
import dev.starling.engine.features.EngagementState;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.SubscriberStatus;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The computed features: {@code subscriber_features} and {@code account_features}, their as-of time,
 * and the star query over them.
 *
 * <p>The subscriber row is the {@link SubscriberFeatures} record: its components, in order, are the
 * columns (camelCase to snake_case; the SELECT and INSERT are made from the record, and FeatureTablesTest
 * checks each column by name against it). Types map one way each: a long 0 is NULL (a time that never happened), a boolean is 0/1, a list
 * is newline-separated text, an enum is its lower-case name (the code the rules see).
 */
public final class FeatureTables implements dev.starling.engine.features.FeatureSource {
  /**
   * The row's columns (from the record's components, in order), the full-row SELECT and the INSERT, made on
   * first use of a full row.
   */
  private static final class Row {
    /** Components that live in {@code subscribers}, not in the features table. */
    static final List<String> FROM_SUBSCRIBER = List.of("email", "domain", "company");
    /** Every component's column, in the record's order. */
    static final List<String> COLUMNS;
    static final String SELECT;
    static final String INSERT;

    static {
      List<String> columns = new ArrayList<>();
      for (RecordComponent rc : SubscriberFeatures.class.getRecordComponents()) {
        columns.add(rc.getName());
      }
      COLUMNS = List.copyOf(columns);
      SELECT = "SELECT " + COLUMNS.stream().map(c -> (FROM_SUBSCRIBER.contains(c) ? "s." : "f.") + snake(c))
          .collect(Collectors.joining(", ")) + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id";
      List<String> stored = COLUMNS.stream().filter(c -> !FROM_SUBSCRIBER.contains(c)).map(FeatureTables::snake).toList();
      INSERT = "INSERT INTO subscriber_features (subscriber_id, " + String.join(", ", stored) + ", computed_at) VALUES ("
          + "?, ".repeat(stored.size() + 1) + "?)";
    }
  }

  private final Store store;

  public FeatureTables(Store store) {
    this.store = store;
  }

  /**
   * The as-of time of the features, or 0 when there are none: the rows', or, while the rows lag the saved
   * replay state (see {@link ReplayStates#rowsStale()}), the time of the refresh that computed that state.
   * Lead status changes are stamped with it.
   */
  @Override
  public long asOf() {
    // Every row of a refresh carries the same as-of time (they are written together, in place of all
    // the previous ones): one row says it. max() over the column scanned the whole table on every read.
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT CASE WHEN (SELECT value FROM meta WHERE key = ?) = ?"
        + " THEN (SELECT as_of FROM replay_snapshots WHERE slot = 0)"
        + " ELSE (SELECT as_of FROM subscriber_features LIMIT 1) END")) {
      ps.setString(1, Meta.FEATURE_ROWS);
      ps.setString(2, ReplayStates.ROWS_STALE);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0; // NULL reads as 0
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the features' as-of time", e);
    }
  }

  /** Every subscriber's features, one row at a time (a million subscribers never sit in memory). */
  @Override
  public void forEachSubscriber(Consumer<SubscriberFeatures> each) {
    try (PreparedStatement ps = store.connection().prepareStatement(Row.SELECT); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        each.accept(row(rs));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the subscriber features", e);
    }
  }

  public Optional<SubscriberFeatures> subscriber(String email) {
    try (PreparedStatement ps = store.connection().prepareStatement(Row.SELECT + " WHERE s.email = ?")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the features of " + email, e);
    }
  }

  /** Every account's features, by account name. */
  @Override
  public void forEachAccount(Consumer<AccountFeatures> each) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT account, people, engaged_people, engaged_14d,"
        + " newly_engaged_14d, score_sum FROM account_features ORDER BY account"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        each.accept(new AccountFeatures(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6)));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the account features", e);
    }
  }

  /** The features of the people of {@code account}, best score first, then by address. */
  public List<SubscriberFeatures> ofAccount(String account) {
    List<SubscriberFeatures> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement(Row.SELECT + " WHERE f.account = ? ORDER BY f.score DESC, s.email")) {
      ps.setString(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row(rs));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the people of account " + account, e);
    }
    return out;
  }

  /** One account's features, or empty when no one belongs to {@code account}. */
  public Optional<AccountFeatures> account(String account) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT account, people, engaged_people, engaged_14d,"
        + " newly_engaged_14d, score_sum FROM account_features WHERE account = ?")) {
      ps.setString(1, account);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new AccountFeatures(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
            rs.getInt(5), rs.getDouble(6))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the features of account " + account, e);
    }
  }

  /**
   * Up to {@code limit} account names starting with {@code prefix} (for "did you mean"): a range over
   * the primary key, so it costs a few rows whatever the number of accounts.
   */
  public List<String> accountsStartingWith(String prefix, int limit) {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT account FROM account_features WHERE account >= ? AND account < ? ORDER BY account LIMIT ?")) {
      ps.setString(1, prefix);
      ps.setString(2, prefix + Character.MAX_VALUE);
      ps.setInt(3, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the account names", e);
    }
    return out;
  }

  /**
   * Writes {@code account}'s row again from its people's stored features (after one of them was erased);
   * removes it when no one is left.
   */
  public void recountAccount(String account) {
    dev.starling.engine.features.AccountTally tally = new dev.starling.engine.features.AccountTally();
    for (SubscriberFeatures f : ofAccount(account)) {
      tally.add(f, f.asOf());
    }
    try (PreparedStatement del = store.connection().prepareStatement("DELETE FROM account_features WHERE account = ?");
        PreparedStatement ins = store.connection().prepareStatement("INSERT INTO account_features (account, people,"
            + " engaged_people, engaged_14d, newly_engaged_14d, score_sum) VALUES (?, ?, ?, ?, ?, ?)")) {
      del.setString(1, account);
      del.executeUpdate();
      if (tally.people() > 0) {
        AccountFeatures a = tally.features(account);
        ins.setString(1, a.account());
        ins.setInt(2, a.people());
        ins.setInt(3, a.engagedPeople());
        ins.setInt(4, a.engaged14d());
        ins.setInt(5, a.newlyEngaged14d());
        ins.setDouble(6, a.scoreSum());
        ins.executeUpdate();
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot recount account " + account, e);
    }
  }

  /**
   * Stars under {@code criteria}, best first (highest ratio, then most campaigns opened, then email).
   *
   * @param limit at most this many, or all when {@code <= 0}
   */
  @Override
  public List<Star> stars(StarCriteria criteria, int limit) {
    // The ratio form (opened / received >= r), the same arithmetic as the written definition.
    String ratio = store.dialect().ratio("f.campaigns_opened", "f.received");
    String sql = "SELECT s.email, trim(coalesce(s.first_name, '') || ' ' || coalesce(s.last_name, '')), s.company,"
        + " f.received, f.campaigns_opened, f.human_opens, f.machine_opens, f.human_clicks, f.last_human_at, f.status"
        + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id"
        + " WHERE f.received >= ? AND " + ratio + " >= ?"
        + " ORDER BY " + ratio + " DESC, f.campaigns_opened DESC, s.email"
        + (limit > 0 ? " LIMIT ?" : "");
    try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
      ps.setInt(1, criteria.minCampaigns());
      ps.setDouble(2, criteria.minRatio());
      if (limit > 0) {
        ps.setInt(3, limit);
      }
      List<Star> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Star(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
              rs.getInt(7), rs.getInt(8), rs.getLong(9), decode(SubscriberStatus.class, rs.getString(10))));
        }
      }
      return out;
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the star subscribers", e);
    }
  }

  /**
   * The list's people as the feature writer needs them, by id: the address only when asked (the features
   * table does not hold it, and reading 100,000 of them cost a tenth of the write), and the list's own
   * status, which the same pass applies (one read of the subscribers table instead of two).
   */
  public void forEachSubscriberOnFile(boolean withEmail, SubscriberSink sink) {
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT id, domain, company, created_at, CASE status WHEN ? THEN 1 WHEN ? THEN 2 ELSE 0 END"
            + (withEmail ? ", email" : "") + " FROM subscribers ORDER BY id")) {
      ps.setString(1, "unsubscribed");
      ps.setString(2, "cleaned");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.subscriber(rs.getInt(1), withEmail ? rs.getString(6) : null, rs.getString(2), rs.getString(3), rs.getLong(4),
              ListStatus.VALUES[rs.getInt(5)]);
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the subscribers", e);
    }
  }

  /** A star's address, name and company, and what the list says of the person, by subscriber id. */
  public record StarPerson(String email, String name, String company, String domain, ListStatus listStatus) {}

  /**
   * {@code ids}' addresses, names, companies and list statuses (the stars computed from a replay state
   * carry only ids); an id no longer on file is absent.
   */
  public java.util.Map<Integer, StarPerson> starPeople(int[] ids) {
    java.util.Map<Integer, StarPerson> out = new java.util.HashMap<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT email,"
        + " trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), company, domain,"
        + " CASE status WHEN ? THEN 1 WHEN ? THEN 2 ELSE 0 END FROM subscribers WHERE id = ?")) {
      ps.setString(1, "unsubscribed");
      ps.setString(2, "cleaned");
      for (int id : ids) {
        ps.setInt(3, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            out.put(id, new StarPerson(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                ListStatus.VALUES[rs.getInt(5)]));
          }
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the star subscribers", e);
    }
    return out;
  }

  /** What the list itself says of a person: on it, unsubscribed, or cleaned (suppressed for bouncing). */
  public enum ListStatus {
    ON_LIST, UNSUBSCRIBED, CLEANED;

    static final ListStatus[] VALUES = values();
  }

  /** One subscriber of the list. */
  @FunctionalInterface
  public interface SubscriberSink {
    /**
     * @param email the address, or null when not asked for
     * @param createdAt when the person joined the list (UTC ms), 0 when unknown
     */
    void subscriber(int id, String email, String domain, String company, long createdAt, ListStatus listStatus);
  }

  /** Empties both feature tables and opens a writer for their new rows (batched; close it to flush). */
  public Writer replaceAll(long computedAt) {
    try (PreparedStatement del = store.connection().prepareStatement("DELETE FROM subscriber_features");
        PreparedStatement delAccounts = store.connection().prepareStatement("DELETE FROM account_features")) {
      del.executeUpdate();
      delAccounts.executeUpdate();
      return new Writer(store, store.connection().prepareStatement(Row.INSERT), store.connection().prepareStatement(
          "INSERT INTO account_features (account, people, engaged_people, engaged_14d, newly_engaged_14d, score_sum)"
              + " VALUES (?, ?, ?, ?, ?, ?)"), computedAt);
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot clear the features", e);
    }
  }

  /** Writes feature rows in batches. */
  public static final class Writer implements AutoCloseable {
    private static final int BATCH = 20_000;
    private final Store store;
    private final PreparedStatement subscribers;
    private final PreparedStatement accounts;
    private final long computedAt;
    private int pending;

    private Writer(Store store, PreparedStatement subscribers, PreparedStatement accounts, long computedAt) {
      this.store = store;
      this.subscribers = subscribers;
      this.accounts = accounts;
      this.computedAt = computedAt;
    }

    public void subscriber(int id, SubscriberFeatures f) {
      try {
        bind(subscribers, id, f, computedAt);
        subscribers.addBatch();
        if (++pending == BATCH) {
          subscribers.executeBatch();
          pending = 0;
        }
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot write the features of " + f.email(), e);
      }
    }

    public void account(AccountFeatures a) {
      try {
        accounts.setString(1, a.account());
        accounts.setInt(2, a.people());
        accounts.setInt(3, a.engagedPeople());
        accounts.setInt(4, a.engaged14d());
        accounts.setInt(5, a.newlyEngaged14d());
        accounts.setDouble(6, a.scoreSum());
        accounts.addBatch();
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot write the features of account " + a.account(), e);
      }
    }

    @Override
    public void close() {
      try (subscribers; accounts) {
        subscribers.executeBatch();
        accounts.executeBatch();
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot write the features", e);
      }
    }
  }

  /*
   * A row is read and bound by plain code, one column after another in the record's order (the order of
   * Row.SELECT and Row.INSERT, which are made from the record). A loop over the columns through method
   * handles did the same in one place, but a command's first hundred thousand rows run in the interpreter,
   * where each handle call walks several frames: a weekly refresh's feature write took 1.1-1.2 s that way.
   * FeatureTablesTest checks every column, by name, against the record.
   */

  private static SubscriberFeatures row(ResultSet rs) throws SQLException {
    return new SubscriberFeatures(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getInt(6),
        rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14),
        rs.getInt(15), rs.getLong(16), rs.getLong(17), rs.getDouble(18), rs.getDouble(19), rs.getInt(20), rs.getInt(21) == 1,
        rs.getInt(22) == 1, code(Confidence.class, CONFIDENCES, rs.getString(23)), code(SubscriberStatus.class, STATUSES, rs.getString(24)),
        code(EngagementState.class, STATES, rs.getString(25)), list(rs.getString(26)), rs.getInt(27), list(rs.getString(28)),
        rs.getLong(29));
  }

  private static void bind(PreparedStatement ps, int id, SubscriberFeatures f, long computedAt) throws SQLException {
    ps.setInt(1, id);
    ps.setString(2, f.account());
    ps.setInt(3, f.received());
    ps.setInt(4, f.delivered());
    ps.setInt(5, f.campaignsOpened());
    ps.setInt(6, f.humanOpens());
    ps.setInt(7, f.machineOpens());
    ps.setInt(8, f.humanClicks());
    ps.setInt(9, f.machineClicks());
    ps.setInt(10, f.lastN());
    ps.setInt(11, f.lastNOpened());
    ps.setInt(12, f.streak());
    ps.setInt(13, f.recentMisses());
    BatchedStatement.setTime(ps, 14, f.lastHumanAt());
    BatchedStatement.setTime(ps, 15, f.firstHumanAt());
    ps.setDouble(16, f.score());
    ps.setDouble(17, f.trend());
    ps.setInt(18, f.starTier());
    ps.setInt(19, f.wasStar() ? 1 : 0);
    ps.setInt(20, f.dormantBefore() ? 1 : 0);
    ps.setString(21, f.confidence().code());
    ps.setString(22, f.status().code());
    ps.setString(23, f.state().code());
    ps.setString(24, String.join("\n", f.clickedUrls()));
    ps.setInt(25, f.highIntentClicks());
    ps.setString(26, String.join("\n", f.highIntentPages()));
    BatchedStatement.setTime(ps, 27, f.asOf());
    ps.setLong(28, computedAt);
  }

  private static List<String> list(String s) {
    return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
  }

  private static final Confidence[] CONFIDENCES = Confidence.values();
  private static final SubscriberStatus[] STATUSES = SubscriberStatus.values();
  private static final EngagementState[] STATES = EngagementState.values();

  /** The constant whose {@code code()} (its lower-case name) is {@code code}; null for null. */
  private static <E extends Enum<E>> E code(Class<E> type, E[] values, String code) {
    if (code == null) {
      return null;
    }
    for (E e : values) {
      if (e.name().length() == code.length() && e.name().equalsIgnoreCase(code)) {
        return e;
      }
    }
    return decode(type, code); // names the unknown code
  }

  /** {@code lastHumanAt} to {@code last_human_at}: a component's column. */
  static String snake(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <E extends Enum<E>> E decode(Class<E> type, String code) {
    return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
  }
}
