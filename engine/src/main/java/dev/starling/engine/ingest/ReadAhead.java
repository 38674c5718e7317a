package dev.starling.engine.ingest;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Runs a reader on its own thread, a few thousand rows ahead of the store writer: parsing and SQLite
 * then use both cores. Rows come out in order; a failure of the reader comes out of {@link #next()}
 * where it happened. Memory is bounded by the queue: {@value #CAPACITY} chunks of {@value #CHUNK} rows.
 *
 * <p>The reader's thread also does the per-row work of an event that needs nothing of the transaction:
 * its dedupe key, and the person's id when the store knew them before the import
 * ({@link #resolveIdsWith}). A lookup in a map of 100,000 addresses misses the CPU cache several times
 * (about 300 ns); on the writer's thread, which also runs SQLite, that was a tenth of a first load.
 */
final class ReadAhead implements AutoCloseable {
  private static final int CHUNK = 4096;
  private static final int CAPACITY = 8;
  private static final Chunk END = new Chunk(new ReadResult[0], new int[0], new long[0]);

  /** How long {@link #next()} waits for rows before it tells its idle callback (progress) and waits on. */
  static final long IDLE_MILLIS = 500;

  private final FactReader reader;
  private final Runnable onIdle;
  private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean closed;
  private volatile ToIntFunction<String> knownIds;
  private Chunk chunk = new Chunk(new ReadResult[0], new int[0], new long[0]);
  private int pos;
  private boolean ended;

  /** Rows with what the reader's thread worked out for each: an event's known person id (0: look it up) and dedupe key. */
  private record Chunk(ReadResult[] rows, int[] ids, long[] keys) {
    static Chunk of(int n) {
      return new Chunk(new ReadResult[n], new int[n], new long[n]);
    }
  }

  ReadAhead(FactReader reader, String name) {
    this(reader, name, () -> {});
  }

  /**
   * @param onIdle run on the caller's thread every {@value #IDLE_MILLIS} ms that no row arrives: a file of
   *     blank or skipped lines still shows progress
   */
  ReadAhead(FactReader reader, String name, Runnable onIdle) {
    this.reader = reader;
    this.onIdle = onIdle;
    this.thread = Thread.ofPlatform().daemon().name("read-ahead " + name).start(this::produce);
  }

  private void produce() {
    try {
      Chunk buf = Chunk.of(CHUNK);
      int n = 0;
      ReadResult r;
      while (!closed && (r = reader.next()) != null) {
        buf.rows[n] = r;
        if (r instanceof Event e) {
          ToIntFunction<String> ids = knownIds;
          buf.ids[n] = ids == null ? 0 : ids.applyAsInt(e.email());
          buf.keys[n] = e.type() == EventType.SEND || e.type() == EventType.DELIVERY ? 0 : e.dedupeKey();
        }
        if (++n == CHUNK) {
          put(buf);
          buf = Chunk.of(CHUNK);
          n = 0;
        }
      }
      if (n > 0) {
        put(new Chunk(java.util.Arrays.copyOf(buf.rows, n), java.util.Arrays.copyOf(buf.ids, n),
            java.util.Arrays.copyOf(buf.keys, n)));
      }
    } catch (InterruptedException e) {
      return; // closed by the consumer
    } catch (Throwable t) {
      failure = t;
    }
    try {
      put(END);
    } catch (InterruptedException e) {
      // closed by the consumer
    }
  }

  /**
   * From now on, the reader's thread looks up each event's person with {@code ids} (0: not known, the
   * writer resolves it). {@code ids} must be safe to call from another thread while the writer adds
   * people, and a hint it gives must stay true: ids are never reassigned within an import.
   */
  void resolveIdsWith(ToIntFunction<String> ids) {
    this.knownIds = ids;
  }

  /** The id the reader's thread found for the person of the row {@link #next()} returned last; 0 when none. */
  int knownId() {
    return chunk.ids[pos - 1];
  }

  /** The dedupe key of the row {@link #next()} returned last, when it is an event other than a send or delivery. */
  long dedupeKey() {
    return chunk.keys[pos - 1];
  }

  private void put(Chunk c) throws InterruptedException {
    while (!closed && !queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
      // wait for the writer, unless it has gone
    }
  }

  /** The next row, or {@code null} at the end. */
  ReadResult next() throws IOException {
    while (pos == chunk.rows.length) {
      if (ended) {
        return null;
      }
      try {
        Chunk c;
        while ((c = queue.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS)) == null) {
          onIdle.run();
        }
        chunk = c;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while reading", e);
      }
      pos = 0;
      if (chunk == END) {
        ended = true;
        rethrow();
        return null;
      }
    }
    return chunk.rows[pos++];
  }

  private void rethrow() throws IOException {
    Throwable t = failure;
    if (t == null) {
      return;
    }
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof UncheckedIOException u) {
      throw u.getCause();
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IOException(t);
  }

  @Override
  public void close() throws IOException {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.close();
  }
}
