package dev.starling.engine.features.replay;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.store.ReplayStates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
  private ReplayState state;
  private final byte[] encoded;

  private ReplaySnapshot(int turn, int[] campaigns, long asOf, String settings, ReplayState state, byte[] encoded) {
    this.turn = turn;
    this.campaigns = campaigns;
    this.asOf = asOf;
    this.settings = settings;
    this.state = state;
    this.encoded = encoded;
  }

  /** The state, decoded on first use (a snapshot that turns out invalid is never decoded). */
  ReplayState state() {
    if (state == null) {
      state = decode(encoded, turn, asOf);
    }
    return state;
  }

  /** A deep copy of {@code st}, which has replayed the first {@code st.turn} campaigns of {@code order}. */
  static ReplaySnapshot of(ReplayState st, List<Integer> order) {
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
  static ReplayState resume(ReplayStates saved, List<Integer> order, Set<Integer> dirty, int n,
      EngagementSettings settings, long asOf) {
    int firstDirty = order.size();
    for (int i = 0; i < order.size(); i++) {
      if (dirty.contains(order.get(i))) {
        firstDirty = i;
        break;
      }
    }
    for (int slot = 0; slot <= 1; slot++) {
      ReplaySnapshot s = saved.load(slot).map(ReplaySnapshot::of).orElse(null);
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

  /**
   * Empties subscriber {@code s}'s slot in each saved state (an erasure): the person's counts and
   * clicked URLs leave the store, and a later person given the same id starts from nothing.
   */
  static void forget(ReplayStates saved, int s) {
    for (int slot = 0; slot <= 1; slot++) {
      ReplaySnapshot snapshot = saved.load(slot).map(ReplaySnapshot::of).orElse(null);
      if (snapshot != null && s < snapshot.state().received.length) {
        snapshot.state().clear(s);
        snapshot.save(saved, slot);
      }
    }
  }

  private static ReplaySnapshot of(ReplayStates.Saved saved) {
    return new ReplaySnapshot(saved.turn(), saved.campaigns(), saved.asOf(), saved.settings(), null, saved.state());
  }

  /** Saves this snapshot in {@code slot} (0: the end of the last refresh; 1: a few campaigns before it). */
  void save(ReplayStates saved, int slot) {
    saved.save(slot, new ReplayStates.Saved(turn, campaigns, encode(state()), asOf, settings));
  }

  /** Raw arrays, copied in bulk (a per-element stream or compression costs more than the whole replay of a week). */
  private static byte[] encode(ReplayState st) {
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

  private static ReplayState decode(byte[] data, int turn, long asOf) {
    ByteBuffer buf = ByteBuffer.wrap(data);
    int n = buf.getInt();
    ReplayState st = new ReplayState(n, null, asOf);
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

  static Map<Integer, LinkedHashSet<String>> deepCopy(Map<Integer, LinkedHashSet<String>> m) {
    Map<Integer, LinkedHashSet<String>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, new LinkedHashSet<>(v)));
    return out;
  }
}
