package dev.starling.engine.ingest;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reader on its own thread, a few thousand rows ahead of the store writer: parsing and SQLite
 * then use both cores. Rows come out in order; a failure of the reader comes out of {@link #next()}
 * where it happened. Memory is bounded by the queue: {@value #CAPACITY} chunks of {@value #CHUNK} rows.
 */
final class ReadAhead implements AutoCloseable {
  private static final int CHUNK = 4096;
  private static final int CAPACITY = 8;
  private static final ReadResult[] END = new ReadResult[0];

  /** How long {@link #next()} waits for rows before it tells its idle callback (progress) and waits on. */
  static final long IDLE_MILLIS = 500;

  private final FactReader reader;
  private final Runnable onIdle;
  private final BlockingQueue<ReadResult[]> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean closed;
  private ReadResult[] chunk = new ReadResult[0];
  private int pos;
  private boolean ended;

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
      ReadResult[] buf = new ReadResult[CHUNK];
      int n = 0;
      ReadResult r;
      while (!closed && (r = reader.next()) != null) {
        buf[n++] = r;
        if (n == CHUNK) {
          put(buf);
          buf = new ReadResult[CHUNK];
          n = 0;
        }
      }
      if (n > 0) {
        put(java.util.Arrays.copyOf(buf, n));
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

  private void put(ReadResult[] c) throws InterruptedException {
    while (!closed && !queue.offer(c, 100, TimeUnit.MILLISECONDS)) {
      // wait for the writer, unless it has gone
    }
  }

  /** The next row, or {@code null} at the end. */
  ReadResult next() throws IOException {
    while (pos == chunk.length) {
      if (ended) {
        return null;
      }
      try {
        ReadResult[] c;
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
    return chunk[pos++];
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
