package dev.starling.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database file behind one data directory: the connection, transactions, migrations and the
 * write lock. Work reaches the data through a {@link StoreTx} (its repositories); no
 * {@link Connection} leaves this package.
 *
 * <p>Locking: a writing transaction takes the write lock when it begins; if another process holds
 * it (an import running), the caller's {@code onWait} hears it once and the transaction waits for as
 * long as that takes. Reading transactions never take it ({@link #read}).
 */
public final class Store implements AutoCloseable {
  public static final String FILE_NAME = "starling.db";

  /** How long one try for the write lock blocks before the waiter is told and the try is repeated. */
  static final int LOCK_TRY_MILLIS = 1_000;

  private final Path file;
  private final Connection connection;
  private final Dialect dialect;
  private final boolean readOnly;
  private long pageCap; // set by the test hook only
  private boolean preparedForWriting;

  private Store(Path file, Connection connection, Dialect dialect, boolean readOnly) {
    this.file = file;
    this.connection = connection;
    this.dialect = dialect;
    this.readOnly = readOnly;
  }

  /** Opens {@code starling.db} in {@code dataDir}, creating the directory and the file if needed, and upgrades its schema. */
  public static Store create(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    return connect(dataDir.resolve(FILE_NAME), false);
  }

  /**
   * Opens the existing store in {@code dataDir}; never creates one. A store whose file or directory
   * is not writable is opened read-only ({@link #readOnly()}).
   *
   * @throws StoreException when {@code dataDir} holds no store
   */
  public static Store open(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    return open(dataDir, !Files.isWritable(file) || !Files.isWritable(dataDir));
  }

  /** {@link #open(Path)}, read-only when told (tests run as root, for whom every file is writable). */
  static Store open(Path dataDir, boolean readOnly) {
    Path file = dataDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new StoreException("no Starling store in " + dataDir + " (run 'starling init' or 'starling import' first)", null);
    }
    return connect(file, readOnly);
  }

  private static Store connect(Path file, boolean readOnly) {
    Dialect dialect = SqliteDialect.INSTANCE;
    try {
      Store store = new Store(file, dialect.open(file, readOnly), dialect, readOnly);
      store.migrate();
      return store;
    } catch (SQLException e) {
      throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The live connection, for the read-side repositories of this package (features, replay states,
   * event history, the lead book): they run inside a unit of work the caller opened with
   * {@link #read} or {@link #inTransaction}. Never handed outside the store package.
   */
  Connection connection() {
    return connection;
  }

  /** The SQL spellings of this store's engine, for the read-side repositories of this package. */
  Dialect dialect() {
    return dialect;
  }

  public Path file() {
    return file;
  }

  /** Whether the store was opened read-only (its file or directory is not writable): every write fails. */
  public boolean readOnly() {
    return readOnly;
  }

  /** The schema version the file is at (the number of migrations applied). */
  public int schemaVersion() {
    try {
      return dialect.schemaVersion(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot read the schema version of " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in one writing transaction: all of it lands, or (on any exception) none of it.
   * Waits, without a limit, while another process writes, and tells {@code onWait} once when it starts
   * to wait. An {@link IOException} from the work comes out as an {@link UncheckedIOException}.
   */
  public <T> T inTransaction(Runnable onWait, Work<T> work) {
    return run(true, onWait, tx -> work.run(tx));
  }

  /** {@link #inTransaction(Runnable, Work)} without telling anyone it waits. */
  public <T> T inTransaction(Work<T> work) {
    return inTransaction(() -> {}, work);
  }

  /**
   * {@link #inTransaction(Runnable, Work)} for an import: when the store holds no messages and no
   * events yet (a first load) and no other connection has it open, the transaction runs under a
   * rollback journal instead of WAL ({@link Dialect#beginLoad}), so that the load is not written twice
   * and leaves no WAL the size of the store. All of it lands or none of it, as ever.
   */
  public <T> T inImportTransaction(Runnable onWait, Work<T> work) {
    boolean load = false;
    if (!readOnly) {
      try {
        load = isEmptyOfEvents() && dialect.beginLoad(connection);
      } catch (SQLException e) {
        throw new StoreException("store " + file + ": " + e.getMessage(), e);
      }
    }
    try {
      return inTransaction(onWait, work);
    } finally {
      if (load) {
        dialect.endLoad(connection);
      }
    }
  }

  private boolean isEmptyOfEvents() throws SQLException {
    try (Statement s = connection.createStatement();
        var rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM messages) AND NOT EXISTS (SELECT 1 FROM events)")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * {@link #inTransaction(Work)} with deleted content overwritten with zeros (an erasure): what the
   * work deletes leaves no bytes behind in the pages it touched. Follow it with {@link #checkpoint()} (and
   * {@link #filesContaining}, {@link #rebuild()} for copies freed before).
   */
  public <T> T inErasingTransaction(Work<T> work) {
    try {
      dialect.secureDelete(connection, true);
      try {
        return inTransaction(work);
      } finally {
        dialect.secureDelete(connection, false);
      }
    } catch (SQLException e) {
      throw new StoreException("store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copies the write-ahead log into the store file and empties it (after an erasure).
   *
   * @return false when another process reading the store kept the log from being emptied
   */
  public boolean checkpoint() {
    try {
      return dialect.checkpoint(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot checkpoint the store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rebuilds the whole file so that no stale copy of deleted content survives in free space (see
   * {@link Dialect#rebuild}); takes about as long as copying the store, and as much free disk space.
   */
  public void rebuild() {
    if (readOnly) {
      throw new StoreException("the store " + file + " is read-only (the file or its directory is not writable)", null);
    }
    try {
      dialect.rebuild(connection);
    } catch (SQLException e) {
      throw new StoreException("cannot rebuild the store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The store's files (the database, its write-ahead log and index) whose bytes contain any of
   * {@code needles} in any ASCII case: the proof an erasure left no trace. Reads every byte once, in
   * blocks, at disk speed.
   */
  public List<Path> filesContaining(java.util.Collection<String> needles) {
    List<String> lower = needles.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).toList();
    int overlap = lower.stream().mapToInt(String::length).max().orElse(1) - 1;
    List<Path> found = new ArrayList<>();
    for (String suffix : List.of("", "-wal", "-shm")) {
      Path f = file.resolveSibling(file.getFileName() + suffix);
      if (Files.isRegularFile(f) && contains(f, lower, overlap)) {
        found.add(f);
      }
    }
    return found;
  }

  private static boolean contains(Path f, List<String> needles, int overlap) {
    byte[] block = new byte[8 << 20];
    int kept = 0;
    try (InputStream in = Files.newInputStream(f)) {
      int n;
      while ((n = in.readNBytes(block, kept, block.length - kept)) > 0) {
        int len = kept + n;
        // ISO-8859-1 maps each byte to one char, so an ASCII address is found as it is stored in UTF-8.
        String text = new String(block, 0, len, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        for (String needle : needles) {
          if (text.contains(needle)) {
            return true;
          }
        }
        kept = Math.min(overlap, len);
        System.arraycopy(block, len - kept, block, 0, kept);
      }
    } catch (IOException e) {
      throw new StoreException("cannot read " + f + ": " + e.getMessage(), e);
    }
    return false;
  }

  /** Runs {@code work} in a reading transaction: one consistent view, no lock, never waits for a writer. */
  public <T> T read(Work<T> work) {
    return run(false, () -> {}, tx -> work.run(tx));
  }

  /**
   * Whether a writing transaction could begin now without waiting: false while another process
   * writes (an import runs) or when the store is read-only. A lazy refresh asks this first.
   */
  public boolean writableNow() {
    if (readOnly) {
      return false;
    }
    try {
      dialect.begin(connection, true, 0);
      connection.rollback();
      connection.setAutoCommit(true);
      return true;
    } catch (SQLException e) {
      if (dialect.isBusy(e)) {
        return false;
      }
      throw new StoreException("store " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A writing transaction handing out the raw connection, for this package only: a repository's
   * unit of work of its own (a lead's step) and the test probe that reads raw rows. Code outside
   * uses {@link #inTransaction(Work)} or {@link #read(Work)}.
   */
  <T> T withConnection(SqlWork<T> work) {
    return run(true, () -> {}, tx -> work.run(tx.connection()));
  }

  /** {@link #withConnection}, for reads: no lock, never waits for a writer. */
  <T> T readWithConnection(SqlWork<T> work) {
    return run(false, () -> {}, tx -> work.run(tx.connection()));
  }

  private <T> T run(boolean write, Runnable onWait, TxWork<T> work) {
    try {
      begin(write, onWait);
      try {
        T result = work.run(new StoreTx(connection, dialect));
        connection.commit();
        return result;
      } catch (Throwable t) {
        rollbackAfter(t);
        throw t;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      if (diskFull(e) || write && nothingLeftToCommit(e) && nearlyFull()) {
        throw new DiskFullException(file.toAbsolutePath().getParent(), e);
      }
      throw new StoreException("store " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Rolls back after a failure. When the disk is full SQLite has often rolled back already, and a second
   * rollback's "no transaction is active" must not hide why: the disk-full failure is what surfaces.
   */
  private void rollbackAfter(Throwable failure) throws SQLException {
    try {
      connection.rollback();
    } catch (SQLException e) {
      if (!diskFull(failure)) {
        throw e;
      }
    }
    if (diskFull(failure) && !(failure instanceof DiskFullException)) {
      throw new DiskFullException(file.toAbsolutePath().getParent(), failure);
    }
  }

  /**
   * Whether the commit found its transaction gone: SQLite rolls back on its own when a write meets a
   * full disk, and the driver does not always pass that statement's SQLITE_FULL on, so the commit's
   * "no transaction is active" is all that is left of it.
   */
  private static boolean nothingLeftToCommit(SQLException e) {
    return String.valueOf(e.getMessage()).contains("no transaction is active");
  }

  /**
   * Whether the store cannot grow: its file is capped ({@link #capPagesForTest}; the transaction that
   * vanished was rolled back, so the page count no longer shows the cap was reached), or under 16 MB
   * are left on its disk.
   */
  private boolean nearlyFull() {
    if (pageCap > 0) {
      return true;
    }
    try {
      return Files.getFileStore(file).getUsableSpace() < (16L << 20);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether {@code t} or one of its causes is SQLite's SQLITE_FULL or the system's "No space left on device". */
  private boolean diskFull(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DiskFullException
          || c instanceof SQLException e && dialect.isFull(e)
          || c instanceof IOException && String.valueOf(c.getMessage()).contains("No space left on device")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Test hook: caps the store file at {@code pages} pages, so that the next write that needs more fails
   * as on a full disk (no tmpfs needs mounting, no root needed).
   */
  void capPagesForTest(long pages) {
    pageCap = pages;
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA max_page_count = " + pages); // a number from the test, not user input
    } catch (SQLException e) {
      throw new StoreException("store " + file + ": " + e.getMessage(), e);
    }
  }

  private void begin(boolean write, Runnable onWait) throws SQLException {
    if (write && readOnly) {
      throw new StoreException("the store " + file + " is read-only (the file or its directory is not writable)", null);
    }
    if (write && !preparedForWriting) {
      dialect.prepareForWriting(connection);
      preparedForWriting = true;
    }
    boolean told = false;
    while (true) {
      try {
        dialect.begin(connection, write, LOCK_TRY_MILLIS);
        return;
      } catch (SQLException e) {
        if (!write || !dialect.isBusy(e)) {
          throw e;
        }
        if (!told) {
          told = true;
          onWait.run();
        }
      }
    }
  }

  /** A unit of work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(StoreTx tx) throws IOException;
  }

  /** Work inside this package, which may meet the driver's SQLException (outside, repositories wrap it). */
  @FunctionalInterface
  private interface TxWork<T> {
    T run(StoreTx tx) throws SQLException, IOException;
  }

  /** A unit of work on the raw connection (see {@link #withConnection}); never seen outside this package. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  /**
   * Applies, in order, each migration numbered above the file's version; the number in a file's name
   * is the version it brings the file to (numbers may have gaps while branches add theirs).
   */
  private void migrate() throws SQLException {
    List<String> migrations = dialect.migrations();
    int newest = number(migrations.get(migrations.size() - 1));
    int version = schemaVersion();
    if (version > newest) {
      throw new StoreException("the store " + file + " is at schema version " + version
          + " but this Starling knows only up to " + newest + "; use a newer Starling", null);
    }
    if (version < newest && readOnly) {
      throw new StoreException("the store " + file + " is at schema version " + version + " and needs an upgrade to "
          + newest + ", but it is read-only; open it once where it is writable", null);
    }
    for (String name : migrations) {
      int next = number(name);
      if (next <= version) {
        continue;
      }
      String sql = resource(name);
      run(true, () -> {}, tx -> {
        try (Statement s = tx.connection().createStatement()) {
          for (String stmt : statements(sql)) {
            s.executeUpdate(stmt);
          }
        }
        if (next == 13) {
          Subscribers.backfillCountryCodes(tx.connection()); // the names table is Java's (JDK locales), not SQL's
        }
        dialect.setSchemaVersion(tx.connection(), next);
        return null;
      });
    }
  }

  /** The schema version this Starling brings a store to. */
  public static int latestSchemaVersion() {
    List<String> migrations = SqliteDialect.INSTANCE.migrations();
    return number(migrations.get(migrations.size() - 1));
  }

  /** The schema version a migration brings the file to: the number its name starts with. */
  static int number(String migration) {
    return Integer.parseInt(migration.substring(0, migration.indexOf('-')));
  }

  private static String resource(String name) {
    try (InputStream in = Store.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("migration " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration " + name, e);
    }
  }

  /** Splits a migration into statements: our files end each statement with ';' at the end of a line. */
  static List<String> statements(String sql) {
    StringBuilder current = new StringBuilder();
    List<String> out = new ArrayList<>();
    for (String line : sql.split("\n")) {
      String code = line.contains("--") ? line.substring(0, line.indexOf("--")) : line;
      current.append(code).append('\n');
      if (code.strip().endsWith(";")) {
        out.add(current.toString().strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the store " + file + ": " + e.getMessage(), e);
    }
  }
}
