package dev.starling.engine.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;

/**
 * SQLite: WAL (readers never wait for the writer), one writer at a time, the lock taken at the start
 * of a writing transaction ({@code BEGIN IMMEDIATE}) so that a transaction that read first never
 * fails when it starts to write.
 *
 * <p>A first load is the exception ({@link #beginLoad}): in WAL mode every page a transaction writes
 * goes to the WAL first and is copied into the file at the checkpoint, so loading 120M events in one
 * transaction grew a WAL of several GB, written twice. With a rollback journal, pages beyond the
 * file's old end need no journal at all (rolling back truncates them). Readers wait while such a load
 * writes; a store that is being loaded for the first time has nothing for them yet.
 */
final class SqliteDialect implements Dialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private static final List<String> MIGRATIONS = List.of("001-initial.sql", "002-import-quality.sql",
      "003-engagement-and-leads.sql", "004-incremental-features.sql", "005-lead-history.sql", "006-dedupe-with-agent-and-ip.sql",
      "008-digest.sql", "009-bounces.sql", "010-lead-reasons.sql",
      "011-digest-replies.sql", "013-country-codes.sql",
      "014-forgotten.sql", "015-replay-chunks.sql", "016-import-bytes.sql", "017-human-openers.sql",
      "018-star-counts.sql");

  private SqliteDialect() {}

  @Override
  public Connection open(Path file, boolean readOnly) throws SQLException {
    NativeLibrary.useCachedCopy();
    SQLiteConfig config = new SQLiteConfig();
    // The driver serialises every call on a connection in Java (its native methods are synchronized),
    // so SQLite's own per-connection mutex only costs a lock and an unlock per call: a bind, a step, a
    // column read, millions per import (3% of a first load's CPU).
    config.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-READING_CACHE_KIB);
    // Reads through a memory map of the file's first GiB instead of a read() into the page cache per
    // page: a full pass over the features and subscribers (leads, the refresh's write) took half the
    // time. The mapped pages are the OS's file cache, shared and dropped under memory pressure.
    config.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, Long.toString(MMAP_BYTES));
    if (readOnly) {
      // Nobody can write a file in a directory nobody may write, so it is read as immutable: no WAL
      // index (-shm) is needed, which could not be created there.
      config.setReadOnly(true);
      config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
      return config.createConnection("jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath() + "?immutable=1");
    }
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    // A checkpointed WAL is cut back to this size instead of keeping the size of the largest import.
    config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT);
    Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    // WAL is set here rather than in the config, where a failure would fail the open: while another
    // process runs a first load (beginLoad) it cannot be set, and this connection works in rollback
    // mode until the load ends (the file's header then says WAL again, which SQLite follows).
    setJournal(c, "wal");
    return c;
  }

  private static final int JOURNAL_SIZE_LIMIT = 64 << 20;
  private static final long MMAP_BYTES = 1L << 30;

  /**
   * The page cache (native memory, not Java heap) while a connection has only read: SQLite's default,
   * 2 MB. A reader passes over a table once ({@code stars} reads the 14 MB of features of 100,000 people);
   * with a cache that keeps every page, each page it reads needs a new buffer, and memory a process
   * touches for the first time is what costs on a virtual machine: the star query took 120 to 140 ms
   * with the 256 MB cache and 35 to 40 ms with this one, which reuses the same few buffers.
   */
  private static final int READING_CACHE_KIB = 2_000;

  /** The page cache from a connection's first writing transaction on: an import or a refresh revisits pages. */
  private static final int WRITING_CACHE_KIB = 262_144;

  @Override
  public void prepareForWriting(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA cache_size = -" + WRITING_CACHE_KIB); // a constant of ours
    }
  }

  @Override
  public boolean beginLoad(Connection c) throws SQLException {
    if (!setJournal(c, "delete")) {
      return false;
    }
    try (Statement s = c.createStatement()) {
      // Out of WAL, NORMAL may lose a transaction's last pages on power loss; FULL costs a few fsyncs
      // of a journal that holds only the pages that existed before the load.
      s.executeUpdate("PRAGMA synchronous = FULL");
    }
    return true;
  }

  @Override
  public void endLoad(Connection c) {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA synchronous = NORMAL");
    } catch (SQLException e) {
      // the next open sets it again
    }
    setJournal(c, "wal");
  }

  /** Asks for journal mode {@code mode} without waiting for other connections; whether the store is now in it. */
  private static boolean setJournal(Connection c, String mode) {
    try {
      SQLiteConnection sc = c.unwrap(SQLiteConnection.class);
      int before = sc.getBusyTimeout();
      sc.setBusyTimeout(0);
      try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA journal_mode = " + mode)) { // a word we own
        return rs.next() && mode.equalsIgnoreCase(rs.getString(1));
      } finally {
        sc.setBusyTimeout(before);
      }
    } catch (SQLException e) {
      return false; // busy: another connection holds the store
    }
  }

  @Override
  public void begin(Connection c, boolean write, int waitMillis) throws SQLException {
    SQLiteConnection sc = c.unwrap(SQLiteConnection.class);
    sc.getConnectionConfig().setTransactionMode(write ? SQLiteConfig.TransactionMode.IMMEDIATE
        : SQLiteConfig.TransactionMode.DEFERRED);
    int before = sc.getBusyTimeout();
    sc.setBusyTimeout(waitMillis);
    try {
      c.setAutoCommit(false);
    } catch (SQLException e) {
      // sqlite-jdbc marks the connection as in a transaction before its BEGIN runs: a BEGIN that
      // failed (busy) would leave it believing so, and the next BEGIN would be skipped.
      sc.getConnectionConfig().setAutoCommit(true);
      throw e;
    } finally {
      sc.setBusyTimeout(before);
    }
  }

  @Override
  public boolean isBusy(SQLException e) {
    int code = e.getErrorCode() & 0xff; // the primary code; extended codes keep it in the low byte
    return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  @Override
  public boolean isFull(SQLException e) {
    return (e.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_FULL.code
        || String.valueOf(e.getMessage()).contains("database or disk is full");
  }

  @Override
  public String insertIgnoring(String rest) {
    return "INSERT OR IGNORE " + rest;
  }

  @Override
  public String greatest(String... expressions) {
    if (expressions.length < 2) {
      // SQLite's one-argument max is the aggregate: a single expression here would be a silent GROUP BY.
      throw new IllegalArgumentException("greatest needs two or more expressions but got " + expressions.length);
    }
    return "max(" + String.join(", ", expressions) + ")";
  }

  @Override
  public String ratio(String numerator, String denominator) {
    return "CAST(" + numerator + " AS REAL) / " + denominator;
  }

  @Override
  public long changeCounter(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA data_version")) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  @Override
  public int schemaVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  @Override
  public void setSchemaVersion(Connection c, int version) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("PRAGMA user_version = " + version); // an int we own, not user input
    }
  }

  @Override
  public void secureDelete(Connection c, boolean on) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA secure_delete = " + (on ? "ON" : "OFF")); // a flag we own, not user input
    }
  }

  @Override
  public boolean checkpoint(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
      return rs.next() && rs.getInt(1) == 0; // 1 when a reader kept the WAL from being emptied
    }
  }

  /**
   * VACUUM writes fresh pages, so nothing freed before secure_delete was on survives in them. Its
   * temporary copy goes to a file, not to memory (temp_store is MEMORY for everything else), since it
   * is as big as the store; the new pages reach the file through the WAL, so a checkpoint follows.
   */
  @Override
  public void rebuild(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA temp_store = FILE");
      try {
        s.execute("VACUUM");
      } finally {
        s.execute("PRAGMA temp_store = MEMORY");
      }
    }
    checkpoint(c);
  }

  @Override
  public List<String> migrations() {
    return MIGRATIONS;
  }
}
