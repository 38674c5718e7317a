package dev.starling.engine.store;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every bounce as the receiving server said it ({@code bounces}): written by imports, with or without
 * a campaign; read by {@code starling bounces} and the data-quality summary; and the suppression it
 * implies, written to the person's status ({@code subscribers.status = 'cleaned'}, which the features
 * read as hard-bounced): a hard bounce at once, soft bounces when they repeat (see {@link SoftBounceLimit}),
 * a block never.
 */
public final class BounceLog {
  /** The 7 days before a bounce in which the latest send to the person is taken as its campaign. */
  static final long ATTACH_WINDOW_MILLIS = 7L * 24 * 3600 * 1000;

  private final Connection c;
  private BatchedStatement insert;

  BounceLog(Connection c, Dialect dialect) {
    this.c = c;
  }

  /** The stored code of a class: 1 soft, 2 hard (as {@code messages.bounce}), 3 block. */
  public static int code(BounceKind kind) {
    return switch (kind) {
      case SOFT -> 1;
      case HARD -> 2;
      case BLOCK -> 3;
    };
  }

  static BounceKind ofCode(int code) {
    return switch (code) {
      case 1 -> BounceKind.SOFT;
      case 2 -> BounceKind.HARD;
      case 3 -> BounceKind.BLOCK;
      default -> throw new IllegalStateException("bounce class code must be 1, 2 or 3 but was " + code);
    };
  }

  /**
   * Queues one bounce; one already stored (same person and dedupe key) is ignored.
   *
   * @param counted whether this row counts in the import's imported/duplicates figures: a bounce also
   *     written to its message is counted there
   */
  public void bounce(int subscriber, int campaign, Event e, long importId, boolean counted) {
    try {
      if (insert == null) {
        insert = new BatchedStatement(c, "INSERT INTO bounces (subscriber_id, dedupe, campaign_id, at, class, status,"
            + " reply_code, diagnostic, source, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (subscriber_id, dedupe) DO NOTHING", null);
      }
      PreparedStatement ps = insert.ps;
      ps.setInt(1, subscriber);
      ps.setLong(2, e.dedupeKey());
      if (campaign > 0) {
        ps.setInt(3, campaign);
      } else {
        ps.setNull(3, Types.INTEGER);
      }
      ps.setLong(4, e.atMillis());
      ps.setInt(5, code(e.bounceKind()));
      ps.setString(6, e.smtp() == null ? null : e.smtp().enhanced());
      if (e.smtp() == null || e.smtp().reply() == null) {
        ps.setNull(7, Types.INTEGER);
      } else {
        ps.setInt(7, e.smtp().reply());
      }
      ps.setString(8, e.detail());
      ps.setString(9, e.provider());
      ps.setLong(10, importId);
      insert.queue(counted ? 1 : 0);
    } catch (SQLException ex) {
      throw StoreException.failed("BounceLog.bounce", ex);
    }
  }

  /**
   * The campaign a bounce that names none belongs to, or 0: the latest stored campaign sent before the
   * bounce whose subject is the returned message's; else the campaign of the latest send to the person
   * in the {@value #ATTACH_WINDOW_MILLIS} ms before it.
   *
   * @param subject the returned message's subject, or {@code null}
   */
  public int campaignFor(int subscriber, String subject, long at) {
    try {
      if (subject != null) {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM campaigns WHERE subject = ?"
            + " AND (sent_at IS NULL OR sent_at <= ?) ORDER BY sent_at DESC LIMIT 1")) {
          ps.setString(1, subject);
          ps.setLong(2, at);
          try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return rs.getInt(1);
            }
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT campaign_id FROM messages WHERE subscriber_id = ?"
          + " AND coalesce(sent_at, delivered_at) BETWEEN ? AND ? ORDER BY coalesce(sent_at, delivered_at) DESC LIMIT 1")) {
        ps.setInt(1, subscriber);
        ps.setLong(2, at - ATTACH_WINDOW_MILLIS);
        ps.setLong(3, at);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    } catch (SQLException ex) {
      throw StoreException.failed("BounceLog.campaignFor", ex);
    }
  }

  /** Sends the queued bounces. */
  public void flush() {
    try {
      if (insert != null) {
        insert.flush();
      }
    } catch (SQLException ex) {
      throw StoreException.failed("BounceLog.flush", ex);
    }
  }

  /** Counted rows (see {@link #bounce}) that added a bounce. */
  public long changedRows() {
    return insert == null ? 0 : insert.changed();
  }

  /** Counted rows that were already stored. */
  public long unchangedRows() {
    return insert == null ? 0 : insert.unchanged();
  }

  /**
   * Marks suppressed ({@code status = 'cleaned'}) each of {@code people} who has a hard bounce, or soft
   * bounces over the limit; returns how many people this newly suppressed. Blocks never count.
   */
  public long suppress(BitSet people, SoftBounceLimit limit) {
    long n = 0;
    try (PreparedStatement hard = c.prepareStatement("SELECT 1 FROM bounces WHERE subscriber_id = ? AND class = ? LIMIT 1");
        PreparedStatement soft = c.prepareStatement("SELECT at, coalesce(campaign_id, -at) FROM bounces"
            + " WHERE subscriber_id = ? AND class = ? ORDER BY at");
        PreparedStatement mark = c.prepareStatement("UPDATE subscribers SET status = 'cleaned' WHERE id = ?"
            + " AND (status IS NULL OR status <> 'cleaned')")) {
      for (int s = people.nextSetBit(0); s >= 0; s = people.nextSetBit(s + 1)) {
        hard.setInt(1, s);
        hard.setInt(2, code(BounceKind.HARD));
        boolean suppress;
        try (ResultSet rs = hard.executeQuery()) {
          suppress = rs.next();
        }
        if (!suppress) {
          soft.setInt(1, s);
          soft.setInt(2, code(BounceKind.SOFT));
          suppress = limit.reached(soft);
        }
        if (suppress) {
          mark.setInt(1, s);
          n += mark.executeUpdate();
        }
      }
      return n;
    } catch (SQLException ex) {
      throw StoreException.failed("BounceLog.suppress", ex);
    }
  }

  /** This import's blocks per receiving domain, most first. */
  public Map<String, Long> blocksByDomain(long importId) {
    Map<String, Long> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT s.domain, count(*) FROM bounces b JOIN subscribers s"
        + " ON s.id = b.subscriber_id WHERE b.import_id = ? AND b.class = ? GROUP BY s.domain ORDER BY count(*) DESC, s.domain")) {
      ps.setLong(1, importId);
      ps.setInt(2, code(BounceKind.BLOCK));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException ex) {
      throw StoreException.failed("BounceLog.blocksByDomain", ex);
    }
  }

  /**
   * The stored bounces, oldest first, as rows of {@code email, at, campaign_id, class, status, reply_code,
   * diagnostic, source} (Instant for {@code at}, lower-case class name, Long for the reply code).
   *
   * @param since only bounces at or after this instant, or {@code null}
   * @param kind only this class, or {@code null}
   */
  public void list(Instant since, BounceKind kind, Consumer<Object[]> rows) {
    try (PreparedStatement ps = c.prepareStatement("SELECT s.email, b.at, cp.code, b.class, b.status, b.reply_code,"
        + " b.diagnostic, b.source FROM bounces b JOIN subscribers s ON s.id = b.subscriber_id"
        + " LEFT JOIN campaigns cp ON cp.id = b.campaign_id"
        + " WHERE b.at >= ? AND (? = 0 OR b.class = ?) ORDER BY b.at, s.email")) {
      ps.setLong(1, since == null ? Long.MIN_VALUE : since.toEpochMilli());
      int k = kind == null ? 0 : code(kind);
      ps.setInt(2, k);
      ps.setInt(3, k);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long reply = rs.getLong(6);
          Long replyCode = rs.wasNull() ? null : reply;
          rows.accept(new Object[] {rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
              ofCode(rs.getInt(4)).name().toLowerCase(java.util.Locale.ROOT), rs.getString(5), replyCode,
              rs.getString(7), rs.getString(8)});
        }
      }
    } catch (SQLException ex) {
      throw StoreException.failed("BounceLog.list", ex);
    }
  }
}
