package dev.starling.engine.store;

import dev.starling.connectors.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads of the event log for the feature replay and for {@code explain}: the campaigns in send order,
 * each campaign's messages and events as streamed scans, the user-agent table, and one person's
 * opens and clicks.
 *
 * <p>The scans hand each row to a callback as primitives (no object per row) because they are the
 * replay's hot loop: {@code messages} and {@code events} are clustered campaign-first, so each campaign
 * is two range scans, and each query returns as few columns as it can (column reads through JDBC
 * dominate the replay's time).
 */
public final class EventHistory {
  private static final EventType[] TYPES = new EventType[16];

  static {
    for (EventType t : EventType.values()) {
      TYPES[t.code()] = t;
    }
  }

  /** The {@code messages.bounce} codes: none, soft, hard. */
  static final int NO_BOUNCE = 0;
  static final int HARD_BOUNCE = 2;

  private final Store store;

  public EventHistory(Store store) {
    this.store = store;
  }

  /** The largest subscriber id (ids are dense, so arrays indexed by id have this many plus one slots). */
  public int maxSubscriberId() {
    return (int) Queries.longValue(store, "SELECT coalesce(max(id), 0) FROM subscribers");
  }

  /** Every campaign's id, in send order (unsent ones last). */
  public List<Integer> campaignsInSendOrder() {
    List<Integer> order = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT id FROM campaigns ORDER BY CASE WHEN sent_at IS NULL THEN 1 ELSE 0 END, sent_at, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        order.add(rs.getInt(1));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the campaigns", e);
    }
    return order;
  }

  /**
   * How many campaigns of {@code order} lead up to the last one holding any message or event: those
   * after it (known from a campaigns file, not sent yet) change no one's state when replayed. Each
   * check is a primary-key prefix lookup, made from the end back.
   */
  public int turnsWithData(List<Integer> order) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT EXISTS (SELECT 1 FROM messages WHERE campaign_id = ?)"
        + " OR EXISTS (SELECT 1 FROM events WHERE campaign_id = ?)")) {
      for (int i = order.size() - 1; i >= 0; i--) {
        ps.setInt(1, order.get(i));
        ps.setInt(2, order.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next() && rs.getInt(1) == 1) {
            return i + 1;
          }
        }
      }
      return 0;
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the campaigns", e);
    }
  }

  /** Every user agent's text, indexed by its id (gaps are null). */
  public String[] agents() {
    String[] out = new String[(int) Queries.longValue(store, "SELECT coalesce(max(id), 0) FROM agents") + 1];
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT id, text FROM agents");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out[rs.getInt(1)] = rs.getString(2);
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the user agents", e);
    }
    return out;
  }

  /** The newest event or message time in the store: kept by the importer, else found by a scan. */
  public long latestDataTime() {
    try {
      var kept = Meta.get(store.connection(), Meta.LATEST_DATA_TIME);
      if (kept.isPresent()) {
        return Long.parseLong(kept.get());
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the store's latest time", e);
    }
    return Math.max(Queries.longValue(store, "SELECT coalesce(max(at), 0) FROM events"),
        Queries.longValue(store, "SELECT coalesce(max(" + store.dialect().greatest("coalesce(delivered_at, 0)",
            "coalesce(sent_at, 0)", "coalesce(bounced_at, 0)") + "), 0) FROM messages"));
  }

  /** Opens the per-campaign scans, read on the caller's thread in any order; close it when done. */
  public CampaignScan campaignScan() {
    return new CampaignScan(store, null, RowBlocks.ROWS, 0, false);
  }

  /**
   * Opens the per-campaign scans for a replay that reads {@code campaigns} in this order, each one's
   * messages then its events (campaign 0, the list-level events, has events only), with the second
   * core: the replay spent half its time in SQLite's scans and the JDBC getters and half classifying
   * the rows, on one core of two. A thread reads the events (two thirds of the rows) ahead into blocks
   * of rows, on a second connection of its own (SQLite runs one call at a time per connection, so a
   * reader sharing the caller's would take turns with it), while the caller's thread reads the messages
   * and classifies. Measured on the cold 100,000 x 50 store (machine loaded): the events reader 1.5 to
   * 1.9 s of CPU, the caller 2.5 to 2.7 s. A third thread reading the messages ahead cost more than it
   * saved (its thread alone took 1.7 to 1.9 s: 5 s of CPU in all for the two cores). Close it when
   * done: that stops the reader and closes the second connection.
   *
   * <p>The second connection reads the store as last committed, which is what the caller's transaction
   * sees of messages and events as long as that transaction has not written to them (the refresh
   * writes only its own tables, and no other process can commit while it holds the write lock). Only
   * under WAL: with a rollback journal, a writer that had to spill its cache before the reader is done
   * would wait for it. Otherwise one reader thread reads both on the caller's connection.
   */
  public CampaignScan campaignScanAhead(List<Integer> campaigns) {
    return campaignScanAhead(campaigns, RowBlocks.ROWS, RowBlocks.POOL, true);
  }

  /**
   * @param rows rows per block, @param pool blocks the reader may fill ahead (tests use few and small ones)
   * @param ownConnection whether the reader may have a connection of its own (under WAL)
   */
  CampaignScan campaignScanAhead(List<Integer> campaigns, int rows, int pool, boolean ownConnection) {
    return new CampaignScan(store, List.copyOf(campaigns), rows, pool, ownConnection && walMode());
  }

  private boolean walMode() {
    try (PreparedStatement ps = store.connection().prepareStatement("PRAGMA journal_mode"); ResultSet rs = ps.executeQuery()) {
      return rs.next() && "wal".equalsIgnoreCase(rs.getString(1));
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the journal mode", e);
    }
  }

  /** The range scans of a replay's campaigns, prepared once for all campaigns. */
  public static final class CampaignScan implements AutoCloseable {
    private final Store store;
    /** The scans on the caller's connection. */
    private final RowBlocks.Reader reader;
    /** The reader thread's connection when it has one of its own, else null. */
    private final Connection second;
    /** The reader thread's queue for each part it reads ahead, else null (read when asked for, on the caller's connection). */
    private final RowBlocks.Ahead messagesAhead;
    private final RowBlocks.Ahead eventsAhead;

    private CampaignScan(Store store, List<Integer> campaigns, int rows, int pool, boolean ownConnection) {
      this.store = store;
      Connection own = null;
      RowBlocks.Reader main = null;
      try {
        main = reader(store.connection(), rows);
        if (campaigns != null && ownConnection) {
          own = store.dialect().open(store.file(), false);
          store.dialect().begin(own, false, 0);
          this.eventsAhead = RowBlocks.Ahead.start(reader(own, rows), campaigns, pool, false, true);
          this.messagesAhead = null;
        } else {
          this.messagesAhead = campaigns == null ? null : RowBlocks.Ahead.start(main, campaigns, pool, true, true);
          this.eventsAhead = messagesAhead;
        }
      } catch (SQLException | RuntimeException e) {
        try (Connection c = own; RowBlocks.Reader r = main) {
          // closed, the failure below says why
        } catch (SQLException ignored) {
          // the first failure is the one to report
        }
        if (e instanceof SQLException sql) {
          throw Queries.failed(store, "cannot prepare the replay's scans", sql);
        }
        throw (RuntimeException) e;
      }
      this.reader = main;
      this.second = own;
    }

    private static RowBlocks.Reader reader(Connection c, int rows) throws SQLException {
      return new RowBlocks.Reader(c.prepareStatement(
          // id*2 + delivered, negated for a hard bounce: one column instead of three. Rows neither
          // received nor hard-bounced are left out. No time is a bound sentinel (no wasNull call per row).
          "SELECT CASE WHEN bounce = ? THEN -2 * subscriber_id"
              + " ELSE 2 * subscriber_id + CASE WHEN delivered_at IS NULL THEN 0 ELSE 1 END END,"
              + " coalesce(delivered_at, sent_at, ?) FROM messages WHERE campaign_id = ?"
              + " AND (bounce = ? OR delivered_at IS NOT NULL OR (bounce = ? AND sent_at IS NOT NULL))"),
          c.prepareStatement(
              // The delivery time comes from the messages scan (an array per campaign in the replay): a
              // join would cost one B-tree lookup per event, most of the replay's time. Each column
              // read is a JNI call or two (the reader's largest cost after step): type, agent, Apple's
              // range and the provider's verdict come packed in one number (RowBlocks' bits, and the
              // agent above them), for opens and clicks only.
              "SELECT subscriber_id, at, CASE WHEN type IN (?, ?) THEN coalesce(agent_id, 0) * ? + type"
                  + " + CASE WHEN substr(ip, 1, 3) = '17.' THEN ? ELSE 0 END"
                  + " + CASE WHEN machine_flag IS NULL THEN 0 WHEN machine_flag = 1 THEN ? ELSE ? END ELSE type END,"
                  + " url FROM events WHERE campaign_id = ?"), rows);
    }

    /** The campaign's messages that were received or hard-bounced. */
    public void messages(int campaign, MessageSink sink) {
      blocks(RowBlocks.MESSAGES, campaign, b -> {
        for (int i = 0; i < b.size; i++) {
          int code = b.subscriber[i];
          if (code < 0) {
            sink.message(-code / 2, false, true, b.time[i]);
          } else {
            sink.message(code / 2, (code & 1) == 1, false, b.time[i]);
          }
        }
      });
    }

    /**
     * The campaign's events grouped by subscriber (the key order); campaign 0 holds the list-level
     * ones (unsubscribes, complaints). Agent, proxy address and provider flag are read for opens and
     * clicks only, the URL for clicks only.
     */
    public void events(int campaign, EventSink sink) {
      blocks(RowBlocks.EVENTS, campaign, b -> {
        for (int i = 0; i < b.size; i++) {
          int bits = b.bits[i];
          EventType type = TYPES[bits & RowBlocks.TYPE_MASK];
          // The reader gives agent, address and verdict for opens and clicks only (0, false, none otherwise).
          int flag = (bits & RowBlocks.FLAG_GIVEN) == 0 ? -1 : (bits & RowBlocks.FLAG_MACHINE) == 0 ? 0 : 1;
          sink.event(b.subscriber[i], type, b.time[i], b.agent[i], (bits & RowBlocks.APPLE) != 0, flag, b.url[i]);
        }
      });
    }

    private void blocks(int part, int campaign, java.util.function.Consumer<RowBlocks.Block> each) {
      String what = (part == RowBlocks.MESSAGES ? "messages" : "events") + " of campaign " + campaign;
      try {
        RowBlocks.Ahead ahead = part == RowBlocks.MESSAGES ? messagesAhead : eventsAhead;
        if (ahead == null) {
          reader.read(part, campaign, each::accept);
          return;
        }
        boolean last;
        do {
          RowBlocks.Block b = ahead.next(part, campaign);
          last = b.last;
          try {
            each.accept(b);
          } finally {
            ahead.recycle(b);
          }
        } while (!last);
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot read the " + what, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("store " + store.file() + ": interrupted while reading the " + what, e);
      }
    }

    @Override
    public void close() {
      try {
        if (eventsAhead != null) {
          eventsAhead.stop(); // the only reader thread, whether it reads the messages too or not
        }
        try (Connection c = second; RowBlocks.Reader r = reader; RowBlocks.Reader theirs = c == null ? null : eventsAhead.reader()) {
          if (c != null) {
            c.rollback(); // it only read
          }
        }
      } catch (SQLException e) {
        throw Queries.failed(store, "cannot close the replay's scans", e);
      }
    }
  }

  /** One open or click of one person, with what explain needs to classify it as the replay does. */
  public record PersonEvent(String campaign, int campaignId, long at, EventType type, String agent, String ip, String url,
      Boolean providerFlag, long deliveredAt) {}

  /** The person's opens and clicks in time order; {@code deliveredAt} is {@code Long.MIN_VALUE} when unknown. */
  public List<PersonEvent> opensAndClicks(String email) {
    List<PersonEvent> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT cp.code, e.at, e.type, a.text, e.ip, e.url,"
        + " e.machine_flag, coalesce(m.delivered_at, m.sent_at), e.campaign_id FROM events e"
        + " LEFT JOIN campaigns cp ON cp.id = e.campaign_id LEFT JOIN agents a ON a.id = e.agent_id"
        + " LEFT JOIN messages m ON m.campaign_id = e.campaign_id AND m.subscriber_id = e.subscriber_id"
        // One seek per campaign on the campaign-first key instead of a scan of every event.
        + " WHERE e.campaign_id IN (SELECT id FROM campaigns UNION ALL SELECT 0)"
        + " AND e.subscriber_id = (SELECT id FROM subscribers WHERE email = ?) AND e.type IN (?, ?) ORDER BY e.at")) {
      ps.setString(1, email);
      ps.setInt(2, EventType.OPEN.code());
      ps.setInt(3, EventType.CLICK.code());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int flag = rs.getInt(7);
          Boolean providerFlag = rs.wasNull() ? null : flag == 1;
          long delivered = rs.getLong(8);
          if (rs.wasNull()) {
            delivered = Long.MIN_VALUE;
          }
          out.add(new PersonEvent(rs.getString(1), rs.getInt(9), rs.getLong(2), EventType.ofCode(rs.getInt(3)),
              rs.getString(4), rs.getString(5), rs.getString(6), providerFlag, delivered));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the events of " + email, e);
    }
    return out;
  }

  /** A message row of the replay's scan. */
  @FunctionalInterface
  public interface MessageSink {
    /** @param time delivery time, else send time, else {@code Long.MIN_VALUE} */
    void message(int subscriber, boolean delivered, boolean hardBounce, long time);
  }

  /** An event row of the replay's scan. */
  @FunctionalInterface
  public interface EventSink {
    /**
     * @param agent the user agent's id, 0 when none
     * @param apple whether the IP is in Apple's 17.0.0.0/8 (Mail Privacy Protection)
     * @param providerFlag the provider's own machine-open verdict: 1 machine, 0 human, -1 not given
     */
    void event(int subscriber, EventType type, long at, int agent, boolean apple, int providerFlag, String url);
  }
}
