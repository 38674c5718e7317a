package dev.starling.engine.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the incremental feature refresh keeps between runs: whether the features are stale (and why),
 * the campaigns imports touched since the last refresh, and the saved replay states a refresh resumes
 * from: per slot (two of them) a small header in {@code replay_snapshots}, the per-subscriber state
 * in {@code replay_chunks} (one row per chunk of subscribers, so a save rewrites only the chunks that
 * changed and a load never holds more than one chunk's bytes), and the URL texts the states name by
 * id in {@code replay_urls} (shared by both slots, only ever appended to).
 */
public final class ReplayStates {
  /** {@code features_dirty} when an import also changed list data, which a resumed replay cannot patch. */
  private static final String FULL = "full";

  private final Store store;

  public ReplayStates(Store store) {
    this.store = store;
  }

  /** Why the features may be stale. */
  public enum Staleness {
    /** No import since the last refresh. */
    FRESH,
    /** Imports touched some campaigns ({@link #dirtyCampaigns()}). */
    CAMPAIGNS,
    /** An import changed subscribers' list data: replay everything. */
    LIST_DATA
  }

  public Staleness staleness() {
    String v = meta(Meta.FEATURES_DIRTY).orElse("0");
    return v.equals("0") ? Staleness.FRESH : v.equals(FULL) ? Staleness.LIST_DATA : Staleness.CAMPAIGNS;
  }

  /** The fingerprint of the engagement settings the stored features were computed with. */
  public Optional<String> settings() {
    return meta(Meta.FEATURES_SETTINGS);
  }

  /** Campaigns touched by imports since the last refresh. */
  public Set<Integer> dirtyCampaigns() {
    Set<Integer> out = new HashSet<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT campaign_id FROM dirty_campaigns");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the campaigns touched since the last refresh", e);
    }
    return out;
  }

  /** After a refresh: nothing is dirty, and the features are those of {@code settings}. */
  public void markFresh(String settings) {
    try (PreparedStatement ps = store.connection().prepareStatement("DELETE FROM dirty_campaigns")) {
      ps.executeUpdate();
      Meta.set(store.connection(), Meta.FEATURES_DIRTY, "0");
      Meta.set(store.connection(), Meta.FEATURES_SETTINGS, settings);
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot mark the features fresh", e);
    }
  }

  /**
   * Whether the feature rows lag the saved replay state: the last refresh brought the state up to date
   * and left the rows to be written by the first reader of them.
   */
  public boolean rowsStale() {
    return meta(Meta.FEATURE_ROWS).map(ROWS_STALE::equals).orElse(false);
  }

  /** {@code feature_rows} while the rows lag the saved state. */
  static final String ROWS_STALE = "stale";

  /** Records whether the feature rows lag the saved replay state (see {@link #rowsStale()}). */
  public void markRowsStale(boolean stale) {
    try {
      Meta.set(store.connection(), Meta.FEATURE_ROWS, stale ? ROWS_STALE : "written");
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot mark the feature rows", e);
    }
  }

  /**
   * The star query's columns of a saved state (see {@code star_counts}): the turn, time and settings of the
   * state they come from, and their bytes (their format belongs to the replay).
   */
  public record SavedStarCounts(int turn, long asOf, String settings, byte[] data) {}

  /** Replaces the saved star counts. */
  public void saveStarCounts(SavedStarCounts counts) {
    try (PreparedStatement ps = store.connection().prepareStatement("INSERT INTO star_counts (id, turn, as_of, settings, data)"
        + " VALUES (0, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET turn = excluded.turn, as_of = excluded.as_of,"
        + " settings = excluded.settings, data = excluded.data")) {
      ps.setInt(1, counts.turn());
      ps.setLong(2, counts.asOf());
      ps.setString(3, counts.settings());
      ps.setBytes(4, counts.data());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot save the star counts", e);
    }
  }

  /** The saved star counts, if any. */
  public Optional<SavedStarCounts> starCounts() {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT turn, as_of, settings, data FROM star_counts WHERE id = 0");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(new SavedStarCounts(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBytes(4)))
          : Optional.empty();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the star counts", e);
    }
  }

  /** Drops the saved star counts (an erasure changed the state they come from). */
  public void clearStarCounts() {
    try (PreparedStatement ps = store.connection().prepareStatement("DELETE FROM star_counts")) {
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot drop the star counts", e);
    }
  }

  /**
   * A saved replay state.
   *
   * @param turn campaigns replayed into it
   * @param campaigns their ids, in replay order
   * @param state the state's header (its format belongs to the replay; the subscribers' state is in the chunks)
   * @param settings the settings' fingerprint it was made with
   */
  public record Saved(int turn, int[] campaigns, byte[] state, long asOf, String settings) {}

  public Optional<Saved> load(int slot) {
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT turn, campaigns, state, as_of, settings FROM replay_snapshots WHERE slot = ?")) {
      ps.setInt(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Saved(rs.getInt(1), readInts(rs.getBytes(2)), rs.getBytes(3), rs.getLong(4), rs.getString(5)));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the saved replay state " + slot, e);
    }
  }

  public void save(int slot, Saved s) {
    try (PreparedStatement ps = store.connection().prepareStatement("INSERT INTO replay_snapshots (slot, turn, campaigns,"
        + " state, as_of, settings) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET turn = excluded.turn,"
        + " campaigns = excluded.campaigns, state = excluded.state, as_of = excluded.as_of, settings = excluded.settings")) {
      ps.setInt(1, slot);
      ps.setInt(2, s.turn());
      ps.setBytes(3, writeInts(s.campaigns()));
      ps.setBytes(4, s.state());
      ps.setLong(5, s.asOf());
      ps.setString(6, s.settings());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot save the replay state " + slot, e);
    }
  }

  /** Drops every saved state, chunk and URL (a full replay starts a new lineage of ids), and the star counts. */
  public void clear() {
    try (PreparedStatement a = store.connection().prepareStatement("DELETE FROM replay_snapshots");
        PreparedStatement b = store.connection().prepareStatement("DELETE FROM replay_chunks");
        PreparedStatement c = store.connection().prepareStatement("DELETE FROM replay_urls");
        PreparedStatement d = store.connection().prepareStatement("DELETE FROM star_counts")) {
      a.executeUpdate();
      b.executeUpdate();
      c.executeUpdate();
      d.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot clear the saved replay states", e);
    }
  }

  /** Hands over slot {@code slot}'s chunks one at a time, in chunk order. */
  public void forEachChunk(int slot, ChunkSink sink) {
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT chunk, data FROM replay_chunks WHERE slot = ? ORDER BY chunk")) {
      ps.setInt(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.chunk(rs.getInt(1), rs.getBytes(2));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the saved replay state " + slot, e);
    }
  }

  /** One saved chunk of subscribers' state. */
  @FunctionalInterface
  public interface ChunkSink {
    void chunk(int chunk, byte[] data);
  }

  /** Writes (or replaces) one chunk of slot {@code slot}. */
  public void saveChunk(int slot, int chunk, byte[] data) {
    try (PreparedStatement ps = store.connection().prepareStatement(
        "INSERT INTO replay_chunks (slot, chunk, data) VALUES (?, ?, ?)"
            + " ON CONFLICT (slot, chunk) DO UPDATE SET data = excluded.data")) {
      ps.setInt(1, slot);
      ps.setInt(2, chunk);
      ps.setBytes(3, data);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot save chunk " + chunk + " of the replay state " + slot, e);
    }
  }

  /** Makes slot {@code to}'s chunks a copy of slot {@code from}'s (inside the store: no bytes pass through the heap). */
  public void copyChunks(int from, int to) {
    deleteChunksFrom(to, 0);
    try (PreparedStatement ps = store.connection().prepareStatement(
        "INSERT INTO replay_chunks (slot, chunk, data) SELECT ?, chunk, data FROM replay_chunks WHERE slot = ?")) {
      ps.setInt(1, to);
      ps.setInt(2, from);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot copy the replay state " + from + " to " + to, e);
    }
  }

  /** Deletes slot {@code slot}'s chunks numbered {@code first} and up (all of them from 0). */
  public void deleteChunksFrom(int slot, int first) {
    try (PreparedStatement ps = store.connection().prepareStatement("DELETE FROM replay_chunks WHERE slot = ? AND chunk >= ?")) {
      ps.setInt(1, slot);
      ps.setInt(2, first);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot clear the replay state " + slot, e);
    }
  }

  /** Every saved URL text, by id (ids are dense from 0). */
  public void forEachUrl(UrlSink sink) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT id, text FROM replay_urls ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sink.url(rs.getInt(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the saved URLs of the replay", e);
    }
  }

  /** One saved URL text. */
  @FunctionalInterface
  public interface UrlSink {
    void url(int id, String text);
  }

  /** Appends URL texts with ids {@code firstId}, {@code firstId + 1}, ... */
  public void addUrls(int firstId, List<String> texts) {
    try (PreparedStatement ps = store.connection().prepareStatement("INSERT INTO replay_urls (id, text) VALUES (?, ?)")) {
      for (int i = 0; i < texts.size(); i++) {
        ps.setInt(1, firstId + i);
        ps.setString(2, texts.get(i));
        ps.addBatch();
        if (i % 10_000 == 9_999) {
          ps.executeBatch();
        }
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot save the URLs of the replay", e);
    }
  }

  private Optional<String> meta(String key) {
    try {
      return Meta.get(store.connection(), key);
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read " + key, e);
    }
  }

  private static byte[] writeInts(int[] a) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(a.length * 4);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (int v : a) {
        out.writeInt(v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static int[] readInts(byte[] b) {
    int[] out = new int[b.length / 4];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16) | ((b[4 * i + 2] & 0xff) << 8) | (b[4 * i + 3] & 0xff);
    }
    return out;
  }
}
