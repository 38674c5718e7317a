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

  /**
   * Tunes the connection for writing, before its first writing transaction: a reader that never writes
   * keeps what {@link #open} set (SQLite: a small page cache, see {@code SqliteDialect}).
   */
  void prepareForWriting(Connection c) throws SQLException;

  /** Starts a transaction; a writing one takes the write lock now, waiting at most {@code waitMillis} for it. */
  void begin(Connection c, boolean write, int waitMillis) throws SQLException;

  /**
   * Prepares the connection, outside any transaction, for one large write into tables that are still
   * empty (a first load): SQLite leaves WAL for a rollback journal, so that the pages the load adds go
   * straight to the file, once, and only pages that existed before are journaled. Returns whether it
   * did; when another connection has the store open it does not, and the load runs as any other
   * transaction. Either way a failed or interrupted load leaves the store as it was.
   */
  boolean beginLoad(Connection c) throws SQLException;

  /** Undoes {@link #beginLoad}, outside any transaction; never fails (the next open restores it). */
  void endLoad(Connection c);

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

  /**
   * A number that changes whenever another connection commits a change to the store (SQLite's
   * {@code PRAGMA data_version}): the caches' cheap "did anyone else write?" check.
   */
  long changeCounter(Connection c) throws SQLException;

  /** The schema version the file says it is at. */
  int schemaVersion(Connection c) throws SQLException;

  /** Records the schema version in the file, inside the migration's transaction. */
  void setSchemaVersion(Connection c, int version) throws SQLException;

  /**
   * Whether deleted content is overwritten with zeros on this connection (SQLite: {@code PRAGMA
   * secure_delete}); on for an erasure, so the bytes of a forgotten person do not stay in the file.
   */
  void secureDelete(Connection c, boolean on) throws SQLException;

  /**
   * Copies the write-ahead log into the store file and empties it (SQLite: a truncating checkpoint), so
   * pages written before an erasure do not linger there; runs outside any transaction.
   *
   * @return false when another connection reading the store kept the log from being emptied
   */
  boolean checkpoint(Connection c) throws SQLException;

  /**
   * Rebuilds the store file page by page (SQLite: VACUUM), so no stale copy of deleted content survives
   * in free space; runs outside any transaction, takes about as long as copying the store.
   */
  void rebuild(Connection c) throws SQLException;

  /** The migration files, in order; the number in a name is the schema version it brings the file to. */
  java.util.List<String> migrations();
}
