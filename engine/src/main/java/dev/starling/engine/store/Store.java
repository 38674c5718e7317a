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
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite file behind one data directory. Opening it creates the file if needed and runs every
 * migration not yet applied (tracked in {@code PRAGMA user_version}), each in its own transaction.
 * One store is used by one thread at a time (the CLI is a single process doing one job).
 */
public final class Store implements AutoCloseable {
  public static final String FILE_NAME = "starling.db";

  /** Applied in order; the number in the name is the schema version it brings the file to. */
  static final List<String> MIGRATIONS = List.of("001-initial.sql", "002-import-quality.sql", "003-engagement-and-leads.sql",
      "004-incremental-features.sql",
      // 005-007 are reserved for the foundation work landing beside this; the digest's tables are 008.
      "008-digest.sql");

  private final Path file;
  private final Connection connection;

  private Store(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /** Opens (creating if needed) {@code starling.db} in {@code dataDir} and upgrades its schema. */
  public static Store open(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.setCacheSize(-262_144); // 256 MiB of page cache (native memory, not Java heap)
    try {
      Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      Store store = new Store(file, c);
      store.migrate();
      return store;
    } catch (SQLException e) {
      throw new StoreException("cannot open the store " + file + ": " + e.getMessage(), e);
    }
  }

  /** The live connection, in auto-commit mode between units of work. */
  public Connection connection() {
    return connection;
  }

  public Path file() {
    return file;
  }

  /** The schema version the file is at (the number of migrations applied). */
  public int schemaVersion() {
    try (Statement s = connection.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    } catch (SQLException e) {
      throw new StoreException("cannot read the schema version of " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code work} in one transaction: all of it lands, or (on any exception) none of it. An
   * {@link IOException} from the work comes out as an {@link UncheckedIOException}.
   */
  public <T> T inTransaction(Work<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (Throwable t) {
        connection.rollback();
        throw t;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("store " + file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A unit of work on the store's connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException, IOException;
  }

  private void migrate() throws SQLException {
    int version = schemaVersion();
    if (version > MIGRATIONS.size()) {
      throw new StoreException("the store " + file + " is at schema version " + version
          + " but this Starling knows only up to " + MIGRATIONS.size() + "; use a newer Starling", null);
    }
    for (int v = version; v < MIGRATIONS.size(); v++) {
      String name = MIGRATIONS.get(v);
      String sql = resource(name);
      int next = v + 1;
      inTransaction(c -> {
        try (Statement s = c.createStatement()) {
          for (String stmt : statements(sql)) {
            s.executeUpdate(stmt);
          }
          s.executeUpdate("PRAGMA user_version = " + next); // a literal we own, not user input
        }
        return null;
      });
    }
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
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
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
