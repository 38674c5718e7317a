package dev.starling.engine.store;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.SubscriberStatus;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The computed features: {@code subscriber_features} and {@code account_features}, their as-of time,
 * and the star query over them.
 *
 * <p>The subscriber row has one definition, the {@link SubscriberFeatures} record: its components, in
 * order, are the columns (camelCase to snake_case), so writing, reading and the column list cannot drift
 * apart. Types map one way each: a long 0 is NULL (a time that never happened), a boolean is 0/1, a list
 * is newline-separated text, an enum is its lower-case name (the code the rules see).
 */
public final class FeatureTables {
  /**
   * The row definition (columns from the record, the constructor, the full-row SELECT and the INSERT), made
   * on first use of a full row: building its method handles spins classes at run time (40 ms of a warm
   * {@code starling stars}, which reads only the star columns and needs none of it).
   */
  private static final class Row {
    /** Components that live in {@code subscribers}, not in the features table. */
    static final List<String> FROM_SUBSCRIBER = List.of("email", "domain", "company");
    static final List<Column> COLUMNS;
    static final MethodHandle CONSTRUCTOR;
    static final String SELECT;
    static final String INSERT;

    static {
      RecordComponent[] components = SubscriberFeatures.class.getRecordComponents();
      MethodHandles.Lookup lookup = MethodHandles.publicLookup();
      List<Column> columns = new ArrayList<>();
      Class<?>[] types = new Class<?>[components.length];
      try {
        for (int i = 0; i < components.length; i++) {
          RecordComponent rc = components[i];
          types[i] = rc.getType();
          columns.add(new Column(snake(rc.getName()), rc.getType(), FROM_SUBSCRIBER.contains(rc.getName()),
              lookup.unreflect(rc.getAccessor()).asType(MethodType.methodType(Object.class, SubscriberFeatures.class))));
        }
        CONSTRUCTOR = lookup.findConstructor(SubscriberFeatures.class, MethodType.methodType(void.class, types))
            .asSpreader(Object[].class, types.length)
            .asType(MethodType.methodType(SubscriberFeatures.class, Object[].class));
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
      COLUMNS = List.copyOf(columns);
      SELECT = "SELECT " + COLUMNS.stream().map(c -> (c.fromSubscriber ? "s." : "f.") + c.name).collect(Collectors.joining(", "))
          + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id";
      List<String> stored = COLUMNS.stream().filter(c -> !c.fromSubscriber).map(Column::name).toList();
      INSERT = "INSERT INTO subscriber_features (subscriber_id, " + String.join(", ", stored) + ", computed_at) VALUES ("
          + "?, ".repeat(stored.size() + 1) + "?)";
    }
  }

  private final Store store;

  public FeatureTables(Store store) {
    this.store = store;
  }

  /** The as-of time of the stored features, or 0 when there are none. */
  public long asOf() {
    // Every row of a refresh carries the same as-of time (they are written together, in place of all
    // the previous ones): one row says it. max() over the column scanned the whole table on every read.
    return Queries.longValue(store, "SELECT coalesce((SELECT as_of FROM subscriber_features LIMIT 1), 0)");
  }

  /** Every subscriber's features, one row at a time (a million subscribers never sit in memory). */
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
   * The list's people as the feature writer needs them, by id: no address (the features table does not
   * hold it, and reading 100,000 of them cost a tenth of the write), and the list's own status, which
   * the same pass applies (one read of the subscribers table instead of two).
   */
  public void forEachSubscriberOnFile(SubscriberSink sink) {
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT id, domain, company, created_at, CASE status WHEN ? THEN 1 WHEN ? THEN 2 ELSE 0 END"
            + " FROM subscribers ORDER BY id")) {
      ps.setString(1, "unsubscribed");
      ps.setString(2, "cleaned");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.subscriber(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4), ListStatus.VALUES[rs.getInt(5)]);
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the subscribers", e);
    }
  }

  /** What the list itself says of a person: on it, unsubscribed, or cleaned (suppressed for bouncing). */
  public enum ListStatus {
    ON_LIST, UNSUBSCRIBED, CLEANED;

    static final ListStatus[] VALUES = values();
  }

  /** One subscriber of the list. */
  @FunctionalInterface
  public interface SubscriberSink {
    /** @param createdAt when the person joined the list (UTC ms), 0 when unknown */
    void subscriber(int id, String domain, String company, long createdAt, ListStatus listStatus);
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
        int i = 1;
        subscribers.setInt(i++, id);
        for (Column c : Row.COLUMNS) {
          if (!c.fromSubscriber) {
            c.bind(subscribers, i++, f);
          }
        }
        subscribers.setLong(i, computedAt);
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

  private static SubscriberFeatures row(ResultSet rs) throws SQLException {
    Object[] values = new Object[Row.COLUMNS.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = Row.COLUMNS.get(i).read(rs, i + 1);
    }
    try {
      return (SubscriberFeatures) Row.CONSTRUCTOR.invokeExact(values);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot build the features of " + values[0], t);
    }
  }

  private static String snake(String camel) {
    return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static <E extends Enum<E>> E decode(Class<E> type, String code) {
    return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
  }

  private record Column(String name, Class<?> type, boolean fromSubscriber, MethodHandle getter, Map<String, Object> codes) {
    Column(String name, Class<?> type, boolean fromSubscriber, MethodHandle getter) {
      this(name, type, fromSubscriber, getter, type.isEnum() ? codes(type) : Map.of());
    }

    /** An enum's stored codes (lower-case names), looked up per row instead of upper-casing each one. */
    private static Map<String, Object> codes(Class<?> type) {
      Map<String, Object> out = new HashMap<>();
      for (Object constant : type.getEnumConstants()) {
        out.put(((Enum<?>) constant).name().toLowerCase(Locale.ROOT), constant);
      }
      return Map.copyOf(out);
    }

    void bind(PreparedStatement ps, int i, SubscriberFeatures f) throws SQLException {
      Object v;
      try {
        v = getter.invokeExact(f);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
      if (type == int.class) {
        ps.setInt(i, (Integer) v);
      } else if (type == long.class) {
        long l = (Long) v;
        if (l == 0) {
          ps.setNull(i, Types.INTEGER);
        } else {
          ps.setLong(i, l);
        }
      } else if (type == double.class) {
        ps.setDouble(i, (Double) v);
      } else if (type == boolean.class) {
        ps.setInt(i, (Boolean) v ? 1 : 0);
      } else if (type == List.class) {
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) v;
        ps.setString(i, String.join("\n", list));
      } else if (type.isEnum()) {
        ps.setString(i, ((Enum<?>) v).name().toLowerCase(Locale.ROOT));
      } else {
        ps.setString(i, (String) v);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object read(ResultSet rs, int i) throws SQLException {
      if (type == int.class) {
        return rs.getInt(i);
      } else if (type == long.class) {
        return rs.getLong(i);
      } else if (type == double.class) {
        return rs.getDouble(i);
      } else if (type == boolean.class) {
        return rs.getInt(i) == 1;
      } else if (type == List.class) {
        String s = rs.getString(i);
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
      } else if (type.isEnum()) {
        String code = rs.getString(i);
        Object constant = code == null ? null : codes.get(code);
        return constant != null ? constant : decode((Class) type, code); // decode names an unknown code
      }
      return rs.getString(i);
    }
  }
}
