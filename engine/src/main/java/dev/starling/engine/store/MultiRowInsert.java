package dev.starling.engine.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An INSERT whose rows are sent {@value #ROWS} to a statement ({@code VALUES (..), (..), ...}) rather
 * than one statement per row. Why: for the narrow rows of an import, SQLite spends as much on running
 * a statement (opening cursors, the statement journal, reset, the JNI calls around it) as on the
 * B-tree insert itself; a profile of a cold import had {@code step} as the writer thread's largest
 * cost by far. Sixty-four rows per statement cut that per-row share without holding much.
 *
 * <p>Counting stays exact: a statement reports only how many of its rows changed the store, so the
 * rows of one statement all stand for the same number of file rows (a merged message stands for its
 * send, delivery and bounce rows together). A row of another weight first sends the rows queued
 * before it, one statement each, in order, through the one-row form; so does {@link #flush()}. Rows
 * are written in the order they were queued.
 */
final class MultiRowInsert implements AutoCloseable {
  static final int ROWS = 64;

  private final BatchedStatement single;
  private final PreparedStatement multi;
  private final int width;
  private final Object[] values;
  private int rows;
  private int weight;
  private long changed;
  private long unchanged;

  private MultiRowInsert(BatchedStatement single, PreparedStatement multi, int width) {
    this.single = single;
    this.multi = multi;
    this.width = width;
    this.values = new Object[(multi == null ? 1 : ROWS) * width];
  }

  /**
   * {@code head (?, ..., ?), (?, ..., ?), ... tail}.
   *
   * @param head the statement up to and including {@code VALUES}
   * @param tail what follows the rows (an {@code ON CONFLICT} clause), or ""
   * @param width the number of parameters of one row
   */
  static MultiRowInsert values(Connection c, String head, String tail, int width) throws SQLException {
    String one = "(" + "?, ".repeat(width - 1) + "?)";
    return new MultiRowInsert(new BatchedStatement(c, head + " " + one + tail, null),
        c.prepareStatement(head + " " + (one + ", ").repeat(ROWS - 1) + one + tail), width);
  }

  /** A statement that cannot take several rows (an {@code INSERT ... SELECT}): each row on its own, in batches. */
  static MultiRowInsert oneByOne(Connection c, String sql, int width) throws SQLException {
    return new MultiRowInsert(new BatchedStatement(c, sql, null), null, width);
  }

  /** Sets parameter {@code column} (1-based, as in the one-row form) of the row being built; null binds NULL. */
  void set(int column, Object value) {
    values[rows * width + column - 1] = value;
  }

  /** Sets a time where 0 means none. */
  void setTime(int column, long millis) {
    set(column, millis == 0 ? null : millis);
  }

  /** Queues the row built by {@link #set}, standing for {@code fileRows} rows of the file. */
  void queue(int fileRows) throws SQLException {
    if (multi == null) {
      bindOnSingle(0);
      single.queue(fileRows);
      return;
    }
    if (rows > 0 && fileRows != weight) {
      int built = rows;
      sendOneByOne();
      System.arraycopy(values, built * width, values, 0, width);
    }
    weight = fileRows;
    rows++;
    if (rows == ROWS) {
      for (int i = 0; i < values.length; i++) {
        multi.setObject(i + 1, values[i]);
      }
      int count = multi.executeUpdate();
      changed += (long) count * weight;
      unchanged += (long) (ROWS - count) * weight;
      rows = 0;
    }
  }

  /** Sends the rows still queued. */
  void flush() throws SQLException {
    sendOneByOne();
    single.flush();
  }

  private void sendOneByOne() throws SQLException {
    if (rows == 0) {
      return;
    }
    for (int r = 0; r < rows; r++) {
      bindOnSingle(r);
      single.queue(weight);
    }
    // Sent now, not left to the one-row form's own batching: a full statement sent later must not
    // overtake these rows.
    single.flush();
    rows = 0;
  }

  private void bindOnSingle(int row) throws SQLException {
    for (int i = 0; i < width; i++) {
      single.ps.setObject(i + 1, values[row * width + i]);
    }
  }

  /** File rows behind the writes that changed the store. */
  long changed() {
    return changed + single.changed();
  }

  /** File rows behind the writes that changed nothing. */
  long unchanged() {
    return unchanged + single.unchanged();
  }

  @Override
  public void close() throws SQLException {
    single.close();
    if (multi != null) {
      multi.close();
    }
  }
}
