package dev.starling.engine.ingest;

import dev.starling.connectors.Event;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadLimits;
import dev.starling.connectors.spreadsheet.SpreadsheetReader;
import dev.starling.connectors.ReadResult;
import dev.starling.engine.store.DataQuality;
import dev.starling.engine.store.DiskFullException;
import dev.starling.engine.store.SoftBounceLimit;
import dev.starling.engine.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Imports files into the store, one transaction per file.
 *
 * <p>Why it is built this way: an import is mostly sends, millions of rows. The reader runs a few
 * thousand rows ahead on its own thread ({@link ReadAhead}) while this thread writes; consecutive rows
 * of one message are merged into one write ({@link MessageMerger}); the repositories resolve ids from
 * maps loaded once and send rows in batches ({@link ImportWriter}). Idempotence comes from the data,
 * not from bookkeeping: message writes only add what is earlier or worse, other events are keyed by a
 * dedupe key, and a file whose bytes were imported before is skipped whole. An exception anywhere,
 * including from the listener, rolls the whole file back, and the file is recorded as imported only
 * when its transaction commits. While another process imports into the same store, this one waits
 * (the listener hears {@link ImportListener#waiting()} once).
 */
public final class Importer {
  private static final int PROGRESS_EVERY = 50_000;
  private static final java.util.concurrent.atomic.AtomicBoolean STALE_CLEANED = new java.util.concurrent.atomic.AtomicBoolean();

  private final Store store;
  private final Clock clock;
  private final SoftBounceLimit softLimit;
  private final ReadLimits limits;

  public Importer(Store store, Clock clock) {
    this(store, clock, SoftBounceLimit.DEFAULT);
  }

  /** @param softLimit when repeated soft bounces suppress a person (starling.yaml {@code bounces:}) */
  public Importer(Store store, Clock clock, SoftBounceLimit softLimit) {
    this(store, clock, softLimit, ReadLimits.DEFAULTS);
  }

  /** @param limits what one file may cost to read (starling.yaml {@code import:}) */
  public Importer(Store store, Clock clock, SoftBounceLimit softLimit, ReadLimits limits) {
    if (STALE_CLEANED.compareAndSet(false, true)) {
      SpreadsheetReader.removeStaleTempFiles(); // copies that imports killed mid-way left behind
    }
    this.store = store;
    this.clock = clock;
    this.softLimit = softLimit;
    this.limits = limits;
  }

  /**
   * Imports one file ({@code .gz} is decompressed on the fly).
   *
   * @param format the format, or {@code null} to detect it from the content
   * @throws ImportException when the file is missing, unreadable or of no known format; nothing lands
   */
  public ImportSummary importFile(Path file, Format format, ImportListener listener) {
    long started = clock.millis();
    long startNanos = System.nanoTime();
    ImportSource opened = null;
    try (ImportSource source = ImportSource.of(file, limits)) {
      opened = source;
      boolean seenBefore = store.read(tx -> tx.importLog().mayHaveImported(source.size()));
      if (seenBefore) {
        source.hashNow();
        long earlier = store.read(tx -> tx.importLog().findBySha256(source.sha256())).orElse(0L);
        if (earlier > 0) {
          return skipped(source, earlier, startNanos);
        }
      } else {
        source.hashAside(); // no earlier file had its size: the hash is only recorded, so it need not come first
      }
      Format chosen = source.format(format);
      FactReader reader = source.open(chosen);
      long[] rowsSoFar = {0};
      try (ReadAhead rows = new ReadAhead(reader, source.name(),
          () -> listener.progress(source.bytesRead(), source.size(), rowsSoFar[0]))) {
        return store.inImportTransaction(listener::waiting, tx -> {
          // Checked again under the write lock: another process may have imported the same bytes meanwhile.
          // A file hashed aside is checked at the end instead; a hit there rolls everything back.
          long raced = seenBefore ? tx.importLog().findBySha256(source.sha256()).orElse(0L) : 0L;
          if (raced > 0) {
            return skipped(source, raced, startNanos);
          }
          long importId = tx.importLog().begin(source.name(), seenBefore ? source.sha256() : "", chosen.id(), started,
              source.size());
          ImportWriter writer = new ImportWriter(tx, importId, softLimit);
          ReadResult r;
          boolean lookingAhead = false;
          while ((r = rows.next()) != null) {
            writer.add(r, rows.knownId(), rows.dedupeKey());
            if (!lookingAhead && r instanceof Event) {
              rows.resolveIdsWith(writer.people()); // loaded by the first event: a list or campaigns file never pays for it
              lookingAhead = true;
            }
            rowsSoFar[0] = writer.rowsRead();
            if (writer.rowsRead() % PROGRESS_EVERY == 0) {
              listener.progress(source.bytesRead(), source.size(), writer.rowsRead());
            }
          }
          listener.progress(source.bytesRead(), source.size(), writer.rowsRead());
          if (source.refused() != null) {
            throw source.refused(); // a reader that swallowed the refusal must not commit a cut-short file
          }
          if (!seenBefore) {
            long same = tx.importLog().findBySha256(source.sha256()).orElse(0L);
            if (same > 0) {
              throw new ImportedMeanwhile(same); // by another process while this one waited or read
            }
            tx.importLog().hashed(importId, source.sha256());
          }
          ImportWriter.Written w = writer.finish(reader.contentKind(), clock.millis());
          var f = w.figures();
          return new ImportSummary(source.name(), chosen.id(), reader.contentKind(), importId, 0, f.rowsRead(), f.imported(),
              f.duplicates(), f.rejected(), f.newSubscribers(), f.newCampaigns(), quality(w.quality()), w.firstRejections(),
              seconds(startNanos), w.intake());
        });
      }
    } catch (ImportedMeanwhile e) {
      return skipped(opened, e.importId, startNanos);
    } catch (dev.starling.connectors.UnreadableSourceException e) {
      throw unreadable(file, refusal(opened, e));
    } catch (DiskFullException e) {
      throw new ImportException(e.getMessage() + "; nothing from " + file + " was imported", e);
    } catch (IOException | RuntimeException e) {
      if (opened != null && opened.refused() != null) {
        throw unreadable(file, opened.refused()); // whatever a reader made of the refusal, it is the cause
      }
      if (e instanceof RuntimeException re && !(re instanceof UncheckedIOException)) {
        throw re;
      }
      rethrowUnchecked(file, e);
      throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static ImportSummary skipped(ImportSource source, long earlier, long startNanos) {
    return new ImportSummary(source.name(), "-", "-", 0, earlier, 0, 0, 0, 0, 0, 0, ImportSummary.Quality.NONE, List.of(),
        seconds(startNanos));
  }

  /** The same bytes were imported as {@code importId} while this import ran: it rolls back and counts as skipped. */
  private static final class ImportedMeanwhile extends RuntimeException {
    final long importId;

    ImportedMeanwhile(long importId) {
      super(null, null, false, false);
      this.importId = importId;
    }
  }

  private static dev.starling.connectors.UnreadableSourceException refusal(ImportSource source,
      dev.starling.connectors.UnreadableSourceException e) {
    return source != null && source.refused() != null ? source.refused() : e;
  }

  private static void rethrowUnchecked(Path file, Exception e) {
    if (!(e instanceof UncheckedIOException u)) {
      return;
    }
    if (u.getCause() instanceof dev.starling.connectors.UnreadableSourceException x) {
      throw unreadable(file, x);
    }
    throw new ImportException(file + ": cannot read: " + u.getCause().getMessage(), u);
  }

  /** The reader could not go on past a line: say where, with the path as given, and that nothing landed. */
  private static ImportException unreadable(Path file, dev.starling.connectors.UnreadableSourceException e) {
    return new ImportException((e.line() > 0 ? file + ":" + e.line() : file.toString()) + ": " + e.reason()
        + "; nothing of the file was imported", e);
  }

  private static ImportSummary.Quality quality(DataQuality q) {
    return new ImportSummary.Quality(q.noSendEngagements(), q.clicksBeforeDelivery(), q.eventsBeforeSignup(), q.untrackedSends());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
