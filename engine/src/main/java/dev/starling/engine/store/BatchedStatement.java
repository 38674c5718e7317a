package dev.starling.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * One prepared statement whose rows are queued and sent {@value #BATCH} at a time, counting the file
 * rows behind the writes that changed the store and those that changed nothing (a write may stand for
 * several file rows: a merged message). Imports are mostly millions of such rows, so this is the hot path.
 */
final class BatchedStatement implements AutoCloseable {
  static final int BATCH = 20_000;

  final PreparedStatement ps;
  private final BatchedStatement before;
  private int pending;
  private int[] weights = new int[BATCH];
  private long changed;
  private long unchanged;

  /** @param before a statement whose queued rows must land first (the insert before an update of the same row), or null */
  BatchedStatement(Connection c, String sql, BatchedStatement before) throws SQLException {
    this.ps = c.prepareStatement(sql);
    this.before = before;
  }

  /** Queues the row bound on {@link #ps}, standing for {@code rows} rows of the file. */
  void queue(int rows) throws SQLException {
    ps.addBatch();
    if (pending == weights.length) {
      weights = Arrays.copyOf(weights, weights.length * 2);
    }
    weights[pending++] = rows;
    if (pending >= BATCH) {
      flush();
    }
  }

  void flush() throws SQLException {
    if (before != null) {
      before.flush();
    }
    if (pending == 0) {
      return;
    }
    int[] counts = ps.executeBatch();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        changed += weights[i];
      } else {
        unchanged += weights[i];
      }
    }
    pending = 0;
  }

  long changed() {
    return changed;
  }

  long unchanged() {
    return unchanged;
  }

  void setLong(int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, v);
    }
  }

  /** Binds a time where 0 means none. */
  void setTime(int i, long v) throws SQLException {
    setTime(ps, i, v);
  }

  /** Binds parameter {@code i} of {@code ps} to the time {@code v}, NULL where 0 means none. */
  static void setTime(PreparedStatement ps, int i, long v) throws SQLException {
    if (v == 0) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setLong(i, v);
    }
  }

  @Override
  public void close() throws SQLException {
    ps.close();
  }
}
