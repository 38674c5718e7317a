package dev.starling.engine.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.Term;

/**
 * Hands documents to indexing threads in batches. Reading the store and making the documents stay on the
 * caller's thread (SQLite's cursor is not to be shared), while Lucene's part (inverting the fields, and
 * flushing each thread's segment) runs beside it on the other cores: about two thirds of a full build. Lucene's
 * writer takes documents from several threads at once, each into a segment of its own; the order of documents
 * inside the index is then not the store's, which nothing depends on (every sort ends on the key).
 */
final class Feeder implements AutoCloseable {
  private static final int BATCH = 512;
  private static final List<Op> END = List.of();

  private record Op(Term replace, Supplier<Document> doc) {}

  private final IndexWriter writer;
  private final BlockingQueue<List<Op>> queue;
  private final List<Thread> workers = new ArrayList<>();
  private volatile Throwable failure;
  private List<Op> batch = new ArrayList<>(BATCH);

  Feeder(IndexWriter writer, int threads) {
    this.writer = writer;
    this.queue = new ArrayBlockingQueue<>(4 * threads);
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::work, "starling-index-" + i);
      t.setDaemon(true);
      t.start();
      workers.add(t);
    }
  }

  /** Threads for a build on this machine: one per core beside the reader's, at least one, at most two. */
  static int threads() {
    return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Adds the document {@code doc} makes, or replaces the one holding {@code replace} when it is not null. The
   * document is made on an indexing thread: its fields are part of Lucene's work.
   */
  void put(Term replace, Supplier<Document> doc) {
    batch.add(new Op(replace, doc));
    if (batch.size() == BATCH) {
      hand();
    }
  }

  private void hand() {
    if (failure != null) {
      throw failed();
    }
    try {
      // A worker that failed stops taking: wait in short slices so its failure surfaces instead of a hang.
      while (!queue.offer(batch, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
        if (failure != null) {
          throw failed();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IndexException("interrupted while building the search index", e);
    }
    batch = new ArrayList<>(BATCH);
  }

  private void work() {
    try {
      for (List<Op> ops = queue.take(); ops != END; ops = queue.take()) {
        for (Op op : ops) {
          if (op.replace == null) {
            writer.addDocument(op.doc.get());
          } else {
            writer.updateDocument(op.replace, op.doc.get());
          }
        }
      }
      // Each worker writes one thread's segment now, beside the other: left to the commit, they would be
      // written one after the other on the committing thread.
      writer.flushNextBuffer();
    } catch (IOException | RuntimeException | InterruptedException e) {
      if (failure == null) {
        failure = e; // the first failure: the others are its consequences (interrupted workers)
      }
    }
  }

  private IndexException failed() {
    return new IndexException("cannot write to the search index: " + failure.getMessage(), failure);
  }

  /** Waits for every document handed over to be in the writer; rethrows what a worker failed with. */
  @Override
  public void close() {
    if (failure == null && !batch.isEmpty()) {
      hand();
    }
    for (int i = 0; i < workers.size(); i++) {
      if (failure == null) {
        try {
          queue.put(END);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    for (Thread t : workers) {
      try {
        if (failure != null) {
          t.interrupt();
        }
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failed();
    }
  }
}
