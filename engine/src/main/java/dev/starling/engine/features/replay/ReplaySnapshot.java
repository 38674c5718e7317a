package dev.starling.engine.features.replay;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.store.ReplayStates;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Saves the replay's per-subscriber state in the store (two slots) and resumes from it, so that the
 * next refresh replays only the campaigns after it instead of every campaign again.
 *
 * <p>A saved state is valid for a refresh when it was made with the same settings, the campaigns it
 * covers are still the first ones in send order, none of them was touched by an import since, and
 * time has not gone backwards. Scores are stored as of the state's anchor time, so a resumed state
 * needs no rescaling (see {@link ReplayState}).
 *
 * <p>Memory is bounded by design: a save encodes one chunk of subscribers ({@link ReplayState#CHUNK_BITS}) at
 * a time straight from the live arrays, and writes only the chunks written to since the state was
 * loaded (the rest are already in the slot, or copied inside the store from the slot that holds them);
 * a load decodes one chunk at a time into the arrays the replay goes on with. No whole copy of the
 * state is ever made, on the heap or as one value.
 */
final class ReplaySnapshot {
  /**
   * The header's format: 3, chunks deflated; 2, the same chunks raw (read still, so that a store
   * saved by the previous version resumes instead of replaying everything once). A slot saved in any
   * other format is not resumed from.
   */
  static final int FORMAT = 3;
  static final int RAW_FORMAT = 2;
  /** Format, subscribers, anchor, chunk bits. */
  private static final int HEADER = 20;

  private ReplaySnapshot() {}

  /**
   * Saves {@code st}, which has replayed the first {@code st.turn} campaigns of {@code order}, in
   * {@code slot}: only the chunks changed since it was loaded from or saved to a slot.
   */
  static void save(ReplayStates saved, ReplayState st, List<Integer> order, int slot) {
    if (st.savedIn != slot) {
      boolean all = true;
      for (boolean c : st.changed) {
        all &= c;
      }
      if (st.savedIn >= 0 && !all) {
        saved.copyChunks(st.savedIn, slot);
      } else {
        // Every chunk is rewritten in place (an upsert): deleting them first costs a walk of every blob's pages.
        saved.deleteChunksFrom(slot, st.changed.length);
        st.touchAll();
      }
    }
    saveChangedChunks(saved, st, slot);
    UrlNames names = st.urlNames;
    if (names.stored() < names.size()) {
      List<String> fresh = new ArrayList<>(names.size() - names.stored());
      for (int i = names.stored(); i < names.size(); i++) {
        fresh.add(names.text(i));
      }
      saved.addUrls(names.stored(), fresh);
      names.markStored();
    }
    int[] ids = new int[st.turn];
    for (int i = 0; i < st.turn; i++) {
      ids[i] = order.get(i);
    }
    ByteBuffer header = ByteBuffer.allocate(HEADER).putInt(FORMAT).putInt(st.size()).putLong(st.anchor).putInt(st.chunkBits);
    saved.save(slot, new ReplayStates.Saved(st.turn, ids, header.array(), st.asOf, st.settings.fingerprint()));
    st.savedIn = slot;
  }

  /**
   * The state to resume from, with room for {@code n} subscribers and re-dated to {@code asOf}, or
   * {@code null} when no saved state is valid (replay everything).
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
      Optional<ReplayStates.Saved> found = saved.load(slot);
      if (found.isEmpty()) {
        continue;
      }
      ReplayStates.Saved s = found.get();
      if (!s.settings().equals(settings.fingerprint()) || s.turn() > firstDirty || asOf < s.asOf() || s.state().length != HEADER) {
        continue;
      }
      ByteBuffer header = ByteBuffer.wrap(s.state());
      int format = header.getInt();
      int savedN = header.getInt();
      long anchor = header.getLong();
      int chunkBits = header.getInt();
      boolean prefix = (format == FORMAT || format == RAW_FORMAT) && savedN <= n && s.turn() <= order.size();
      for (int i = 0; i < s.turn() && prefix; i++) {
        prefix = s.campaigns()[i] == order.get(i);
      }
      if (prefix) {
        return load(saved, slot, format, s.turn(), savedN, n, settings, asOf, anchor, chunkBits);
      }
    }
    return null;
  }

  /**
   * Empties subscriber {@code s}'s slot in each saved state (an erasure): the person's counts and
   * clicked URLs leave the store, and a later person given the same id starts from nothing. Only the
   * chunk holding {@code s} is rewritten in each slot.
   */
  static void forget(ReplayStates saved, int s) {
    for (int slot = 0; slot <= 1; slot++) {
      Optional<ReplayStates.Saved> found = saved.load(slot);
      if (found.isEmpty() || found.get().state().length != HEADER) {
        continue;
      }
      ReplayStates.Saved h = found.get();
      ByteBuffer header = ByteBuffer.wrap(h.state());
      int format = header.getInt();
      int savedN = header.getInt();
      long anchor = header.getLong();
      int chunkBits = header.getInt();
      if ((format != FORMAT && format != RAW_FORMAT) || s >= savedN) {
        continue;
      }
      int c = s >>> chunkBits;
      EngagementSettings settings = EngagementSettings.DEFAULTS;
      // Arrays only up to the end of that chunk: the others are not read.
      ReplayState st = new ReplayState(Math.min(savedN, (c + 1) << chunkBits), settings, h.asOf(), anchor, new UrlNames(),
          chunkBits);
      int[] seenChunk = {0};
      saved.forEachChunk(slot, (k, data) -> {
        if (k == c) {
          decode(st, k, unpack(data, format));
          seenChunk[0]++;
        }
      });
      if (seenChunk[0] == 1) {
        st.clear(s);
        // Written in the slot's own format, as the other chunks are.
        byte[] raw = encode(st, c);
        saved.saveChunk(slot, c, format == FORMAT ? pack(raw) : raw);
      }
    }
  }

  private static ReplayState load(ReplayStates saved, int slot, int format, int turn, int savedN, int n, EngagementSettings settings,
      long asOf, long anchor, int chunkBits) {
    UrlNames names = new UrlNames();
    saved.forEachUrl((id, text) -> {
      if (names.id(text) != id) {
        throw new IllegalStateException("the saved replay URLs are not dense at id " + id);
      }
    });
    names.markStored();
    ReplayState st = new ReplayState(n, settings, asOf, anchor, names, chunkBits);
    decodeChunks(saved, slot, format, st);
    st.turn = turn;
    st.savedIn = slot;
    // Subscribers added since the save: their chunks (the last saved one, partly filled, and any after) are new.
    for (int c = savedN >>> st.chunkBits; c < st.changed.length; c++) {
      st.changed[c] = savedN < n;
    }
    if (format == RAW_FORMAT) {
      // Its unchanged chunks are raw: the next save writes every chunk in the current format instead of keeping them.
      st.savedIn = -1;
      st.touchAll();
    }
    st.reanchorIfFar();
    return st;
  }

  /**
   * Writes the changed chunks of {@code st} to {@code slot}, in chunk order: two threads encode and
   * deflate them, at most four ahead of this one, which writes them (a weekly refresh changes every
   * chunk: deflating them on one core was most of the save).
   */
  private static void saveChangedChunks(ReplayStates saved, ReplayState st, int slot) {
    List<Integer> todo = new ArrayList<>();
    for (int c = 0; c < st.changed.length; c++) {
      if (st.changed[c]) {
        todo.add(c);
      }
    }
    ExecutorService pool = workers("starling-replay-encode");
    try {
      ArrayDeque<Future<byte[]>> ahead = new ArrayDeque<>();
      int next = 0;
      for (int c : todo) {
        while (next < todo.size() && ahead.size() < 4) {
          int chunk = todo.get(next++);
          ahead.add(pool.submit(() -> pack(encode(st, chunk))));
        }
        saved.saveChunk(slot, c, joined(ahead.poll()));
        st.changed[c] = false;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Two daemon threads named {@code name}, for the chunks' work. */
  private static ExecutorService workers(String name) {
    return Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name(name).factory());
  }

  /** A worker's result, its failure rethrown as it was. */
  private static <T> T joined(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while saving or reading the replay state", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Reads slot {@code slot}'s chunks into {@code st}: this thread reads them from the store while two
   * others inflate and decode them (each chunk fills its own range of the arrays), at most four chunks
   * in hand at a time. On one core, inflating was 0.05 s of a 0.13 s resume at 100,000 subscribers; the
   * resume at 1,000,000 went from 0.96 to 0.8 s this way.
   */
  private static void decodeChunks(ReplayStates saved, int slot, int format, ReplayState st) {
    ExecutorService pool = workers("starling-replay-decode");
    Semaphore inHand = new Semaphore(4);
    List<Future<?>> done = new ArrayList<>();
    try {
      saved.forEachChunk(slot, (c, data) -> {
        inHand.acquireUninterruptibly();
        done.add(pool.submit(() -> {
          try {
            decode(st, c, unpack(data, format));
          } finally {
            inHand.release();
          }
        }));
      });
      for (Future<?> f : done) {
        joined(f);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Chunk {@code c} of {@code st}: its count, then field by field (bulk copies of the arrays), then the URL and page ids. */
  static byte[] encode(ReplayState st, int c) {
    int from = c << st.chunkBits;
    int m = Math.min(1 << st.chunkBits, st.size() - from);
    int lists = 0;
    for (int s = from; s < from + m; s++) {
      lists += 4 + (length(st.urls[s]) + length(st.pages[s])) * 4;
    }
    ByteBuffer buf = ByteBuffer.allocate(4 + m * (st.ints().length * 4 + st.longs().length * 8 + 8 + 2) + lists);
    buf.putInt(m);
    for (int[] a : st.ints()) {
      buf.asIntBuffer().put(a, from, m);
      buf.position(buf.position() + m * 4);
    }
    for (long[] a : st.longs()) {
      buf.asLongBuffer().put(a, from, m);
      buf.position(buf.position() + m * 8);
    }
    buf.asDoubleBuffer().put(st.score, from, m);
    buf.position(buf.position() + m * 8);
    for (int s = from; s < from + m; s++) {
      buf.put((byte) ((st.wasStar[s] ? 1 : 0) | (st.dormantBefore[s] ? 2 : 0) | (st.everOpened[s] ? 4 : 0) | (st.seen[s] ? 8 : 0)));
    }
    buf.put(st.status, from, m);
    for (int s = from; s < from + m; s++) {
      int[] u = st.urls[s];
      buf.putShort((short) length(u));
      for (int k = 0; k < length(u); k++) {
        buf.putInt(u[k]);
      }
      int[] p = st.pages[s];
      buf.putShort((short) length(p));
      for (int k = 0; k < length(p); k++) {
        buf.putInt(p[k]);
      }
    }
    return buf.array();
  }

  static void decode(ReplayState st, int c, byte[] data) {
    ByteBuffer buf = ByteBuffer.wrap(data);
    int from = c << st.chunkBits;
    int m = buf.getInt();
    if (from + m > st.size() || m > 1 << st.chunkBits) {
      throw new IllegalStateException("saved replay chunk " + c + " holds " + m + " subscribers, past the " + st.size() + " there are");
    }
    for (int[] a : st.ints()) {
      buf.asIntBuffer().get(a, from, m);
      buf.position(buf.position() + m * 4);
    }
    for (long[] a : st.longs()) {
      buf.asLongBuffer().get(a, from, m);
      buf.position(buf.position() + m * 8);
    }
    buf.asDoubleBuffer().get(st.score, from, m);
    buf.position(buf.position() + m * 8);
    for (int s = from; s < from + m; s++) {
      byte f = buf.get();
      st.wasStar[s] = (f & 1) != 0;
      st.dormantBefore[s] = (f & 2) != 0;
      st.everOpened[s] = (f & 4) != 0;
      st.seen[s] = (f & 8) != 0;
    }
    buf.get(st.status, from, m);
    for (int s = from; s < from + m; s++) {
      int nu = buf.getShort();
      if (nu > 0) {
        int[] u = new int[nu];
        for (int k = 0; k < nu; k++) {
          u[k] = buf.getInt();
        }
        st.urls[s] = u;
      }
      int np = buf.getShort();
      if (np > 0) {
        int[] p = new int[np];
        for (int k = 0; k < np; k++) {
          p[k] = buf.getInt();
        }
        st.pages[s] = p;
      }
    }
  }

  /**
   * A chunk as saved: its raw length, then its bytes deflated at the fastest level. Why: every page a
   * refresh writes is written twice (the WAL, then the checkpoint), and the saved states were half
   * the pages of a refresh (8 MB a slot at 100,000 people); their counts are small numbers in four or
   * eight bytes, column by column, and shrink to about a fifth for a few milliseconds a chunk.
   */
  static byte[] pack(byte[] raw) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try {
      deflater.setInput(raw);
      deflater.finish();
      byte[] out = new byte[4 + raw.length / 2 + 64];
      ByteBuffer.wrap(out).putInt(raw.length);
      int n = 4;
      while (!deflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += deflater.deflate(out, n, out.length - n);
      }
      return Arrays.copyOf(out, n);
    } finally {
      deflater.end();
    }
  }

  /** A saved chunk's raw bytes, as {@link #encode} made them. */
  static byte[] unpack(byte[] saved, int format) {
    if (format == RAW_FORMAT) {
      return saved;
    }
    Inflater inflater = new Inflater();
    try {
      byte[] raw = new byte[ByteBuffer.wrap(saved).getInt()];
      inflater.setInput(saved, 4, saved.length - 4);
      int n = 0;
      while (n < raw.length && !inflater.finished()) {
        int got = inflater.inflate(raw, n, raw.length - n);
        if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += got;
      }
      if (n != raw.length || !inflater.finished()) {
        throw new IllegalStateException("a saved replay chunk is cut short: " + n + " of " + raw.length + " bytes");
      }
      return raw;
    } catch (DataFormatException e) {
      throw new IllegalStateException("a saved replay chunk is damaged: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
  }

  private static int length(int[] a) {
    return a == null ? 0 : a.length;
  }
}
