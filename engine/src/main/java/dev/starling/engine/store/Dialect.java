package dev.starling.engine.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between database engines, and nothing else: how a connection is opened and tuned,
 * how "busy" is recognised, the few SQL spellings that differ, and where the migrations live. The
 * repositories write portable SQL (ANSI upserts with {@code ON CONFLICT}, {@code IS DISTINCT FROM},
 * plain {@code ?} parameters) and ask the dialect for the rest.
 */
interface Dialect {
  /**
   * Opens a connection to the store file.
   *
   * @param readOnly open without any write (the file or its directory is not writable)
   */
  Connection open(Path file, boolean readOnly) throws SQLException;

  /** Starts a transaction; a writing one takes the write lock now, waiting at most {@code waitMillis} for it. */
  void begin(Connection c, boolean write, int waitMillis) throws SQLException;

  /** Whether the error says another connection holds the lock (try again later), not a real failure. */
  /** Whether the failure is the database or its disk being full. */
  boolean isFull(SQLException e);

  boolean isBusy(SQLException e);

  /**
   * An insert that skips a row whose key is already stored: {@code INSERT} + {@code rest} (the
   * "INTO table (columns) VALUES ..." or "... SELECT ... WHERE ..." part) with the dialect's way of
   * ignoring the conflict (SQLite: {@code OR IGNORE}, the spelling the hot event insert was tuned
   * with; elsewhere {@code ON CONFLICT DO NOTHING}).
   */
  String insertIgnoring(String rest);

  /**
   * The largest of two or more SQL expressions in one row (SQLite's multi-argument scalar {@code max},
   * elsewhere {@code GREATEST}).
   */
  String greatest(String... expressions);

  /**
   * {@code numerator / denominator} of two integer expressions as an 8-byte floating-point value
   * (SQLite: {@code CAST(.. AS REAL)}; PostgreSQL's {@code REAL} is 4 bytes, it says
   * {@code DOUBLE PRECISION}).
   */
  String ratio(String numerator, String denominator);

  /** The schema version the file says it is at. */
  int schemaVersion(Connection c) throws SQLException;

  /** Records the schema version in the file, inside the migration's transaction. */
  void setSchemaVersion(Connection c, int version) throws SQLException;

  /** The migration files, in order; the number in a name is the schema version it brings the file to. */
  java.util.List<String> migrations();
}
