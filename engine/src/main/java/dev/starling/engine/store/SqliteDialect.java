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
 */
final class SqliteDialect implements Dialect {
  static final SqliteDialect INSTANCE = new SqliteDialect();

  private static final List<String> MIGRATIONS = List.of("001-initial.sql", "002-import-quality.sql",
      "003-engagement-and-leads.sql", "004-incremental-features.sql", "005-lead-history.sql", "006-dedupe-with-agent-and-ip.sql",
      "008-digest.sql", "009-bounces.sql", "010-lead-reasons.sql");

  private SqliteDialect() {}

  @Override
  public Connection open(Path file, boolean readOnly) throws SQLException {
    NativeLibrary.useCachedCopy();
    SQLiteConfig config = new SQLiteConfig();
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-262_144); // 256 MiB of page cache (native memory, not Java heap)
    if (readOnly) {
      // Nobody can write a file in a directory nobody may write, so it is read as immutable: no WAL
      // index (-shm) is needed, which could not be created there.
      config.setReadOnly(true);
      config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
      return config.createConnection("jdbc:sqlite:file:" + file.toAbsolutePath().toUri().getRawPath() + "?immutable=1");
    }
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
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
  public List<String> migrations() {
    return MIGRATIONS;
  }
}
