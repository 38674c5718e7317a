package dev.starling.engine.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.ByteBuffer;

/**
 * A copy of the replay's per-subscriber state after some number of campaigns, kept in the store
 * (table {@code replay_snapshots}) so that the next refresh can resume from it instead of replaying
 * every campaign again.
 *
 * <p>A snapshot is valid for a refresh when it was made with the same settings, the campaigns it
 * covers are still the first ones in send order, none of them was touched by an import since, and
 * time has not gone backwards. The decayed score is rescaled to the new as-of time (exponential decay:
 * scaling the sum scales every term).
 */
final class ReplaySnapshot {
  final int turn;
  final int[] campaigns;
  final long asOf;
  final String settings;
  private FeatureReplay.State state;
  private final byte[] encoded;

  private ReplaySnapshot(int turn, int[] campaigns, long asOf, String settings, FeatureReplay.State state, byte[] encoded) {
    this.turn = turn;
    this.campaigns = campaigns;
    this.asOf = asOf;
    this.settings = settings;
    this.state = state;
    this.encoded = encoded;
  }

  /** The state, decoded on first use (a snapshot that turns out invalid is never decoded). */
  FeatureReplay.State state() {
    if (state == null) {
      state = decode(encoded, turn, asOf);
    }
    return state;
  }

  /** A deep copy of {@code st}, which has replayed the first {@code st.turn} campaigns of {@code order}. */
  static ReplaySnapshot of(FeatureReplay.State st, List<Integer> order) {
    int[] ids = new int[st.turn];
    for (int i = 0; i < st.turn; i++) {
      ids[i] = order.get(i);
    }
    return new ReplaySnapshot(st.turn, ids, st.asOf, st.settings.fingerprint(), st.copy(st.received.length, st.settings, st.asOf, 1.0), null);
  }

  /**
   * The state to resume from, or {@code null} when no saved snapshot is valid (replay everything).
   *
   * @param dirty campaigns touched by imports since the last refresh
   */
  static FeatureReplay.State resume(Connection c, List<Integer> order, Set<Integer> dirty, int n,
      EngagementSettings settings, long asOf) throws SQLException {
    int firstDirty = order.size();
    for (int i = 0; i < order.size(); i++) {
      if (dirty.contains(order.get(i))) {
        firstDirty = i;
        break;
      }
    }
    for (int slot = 0; slot <= 1; slot++) {
      ReplaySnapshot s = load(c, slot);
      if (s == null || !s.settings.equals(settings.fingerprint()) || s.turn > firstDirty || asOf < s.asOf) {
        continue;
      }
      boolean prefix = true;
      for (int i = 0; i < s.turn && prefix; i++) {
        prefix = s.campaigns[i] == order.get(i);
      }
      if (prefix) {
        double decay = Math.exp(-Math.log(2) / (settings.halfLifeDays() * FeatureReplay.DAY) * (asOf - s.asOf));
        if (s.state().received.length > n) {
          continue;
        }
        return s.state().copy(n, settings, asOf, decay);
      }
    }
    return null;
  }

  static ReplaySnapshot load(Connection c, int slot) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT turn, campaigns, state, as_of, settings FROM replay_snapshots WHERE slot = ?")) {
      ps.setInt(1, slot);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        int turn = rs.getInt(1);
        int[] campaigns = readInts(rs.getBytes(2));
        byte[] state = rs.getBytes(3);
        long asOf = rs.getLong(4);
        String settings = rs.getString(5);
        return new ReplaySnapshot(turn, campaigns, asOf, settings, null, state);
      }
    }
  }

  static void save(Connection c, int slot, ReplaySnapshot s) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO replay_snapshots (slot, turn, campaigns, state, as_of, settings)"
        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slot) DO UPDATE SET turn = excluded.turn, campaigns = excluded.campaigns,"
        + " state = excluded.state, as_of = excluded.as_of, settings = excluded.settings")) {
      ps.setInt(1, slot);
      ps.setInt(2, s.turn);
      ps.setBytes(3, writeInts(s.campaigns));
      ps.setBytes(4, encode(s.state()));
      ps.setLong(5, s.asOf);
      ps.setString(6, s.settings);
      ps.executeUpdate();
    }
  }

  /** Raw arrays, copied in bulk (a per-element stream or compression costs more than the whole replay of a week). */
  private static byte[] encode(FeatureReplay.State st) {
    int n = st.received.length;
    byte[] sets;
    ByteArrayOutputStream setBytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(setBytes)) {
      writeSets(out, st.urls);
      writeSets(out, st.pages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sets = setBytes.toByteArray();
    int[][] ints = st.ints();
    long[][] longs = st.longs();
    boolean[][] bools = st.booleans();
    ByteBuffer buf = ByteBuffer.allocate(4 + n * (ints.length * 4 + longs.length * 8 + 8 + bools.length + 1) + sets.length);
    buf.putInt(n);
    for (int[] a : ints) {
      buf.asIntBuffer().put(a, 0, n);
      buf.position(buf.position() + n * 4);
    }
    for (long[] a : longs) {
      buf.asLongBuffer().put(a, 0, n);
      buf.position(buf.position() + n * 8);
    }
    buf.asDoubleBuffer().put(st.score, 0, n);
    buf.position(buf.position() + n * 8);
    for (boolean[] a : bools) {
      for (int i = 0; i < n; i++) {
        buf.put(a[i] ? (byte) 1 : 0);
      }
    }
    buf.put(st.status, 0, n);
    buf.put(sets);
    return buf.array();
  }

  private static FeatureReplay.State decode(byte[] data, int turn, long asOf) {
    ByteBuffer buf = ByteBuffer.wrap(data);
    int n = buf.getInt();
    FeatureReplay.State st = new FeatureReplay.State(n, null, asOf);
    for (int[] a : st.ints()) {
      buf.asIntBuffer().get(a, 0, n);
      buf.position(buf.position() + n * 4);
    }
    for (long[] a : st.longs()) {
      buf.asLongBuffer().get(a, 0, n);
      buf.position(buf.position() + n * 8);
    }
    buf.asDoubleBuffer().get(st.score, 0, n);
    buf.position(buf.position() + n * 8);
    for (boolean[] a : st.booleans()) {
      for (int i = 0; i < n; i++) {
        a[i] = buf.get() == 1;
      }
    }
    buf.get(st.status, 0, n);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, buf.position(), buf.remaining()))) {
      readSets(in, st.urls);
      readSets(in, st.pages);
    } catch (IOException e) {
      throw new UncheckedIOException("the saved replay state is unreadable", e);
    }
    st.turn = turn;
    return st;
  }

  private static void writeSets(DataOutputStream out, Map<Integer, LinkedHashSet<String>> sets) throws IOException {
    out.writeInt(sets.size());
    for (Map.Entry<Integer, LinkedHashSet<String>> e : sets.entrySet()) {
      out.writeInt(e.getKey());
      out.writeInt(e.getValue().size());
      for (String v : e.getValue()) {
        out.writeUTF(v.length() > 8000 ? v.substring(0, 8000) : v);
      }
    }
  }

  private static void readSets(DataInputStream in, Map<Integer, LinkedHashSet<String>> into) throws IOException {
    int count = in.readInt();
    for (int i = 0; i < count; i++) {
      int key = in.readInt();
      int size = in.readInt();
      LinkedHashSet<String> set = new LinkedHashSet<>();
      for (int k = 0; k < size; k++) {
        set.add(in.readUTF());
      }
      into.put(key, set);
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

  static Map<Integer, LinkedHashSet<String>> deepCopy(Map<Integer, LinkedHashSet<String>> m) {
    Map<Integer, LinkedHashSet<String>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, new LinkedHashSet<>(v)));
    return out;
  }
}
