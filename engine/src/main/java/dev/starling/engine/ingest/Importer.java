package dev.starling.engine.ingest;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import dev.starling.engine.store.DataQuality;
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

  private final Store store;
  private final Clock clock;
  private final SoftBounceLimit softLimit;

  public Importer(Store store, Clock clock) {
    this(store, clock, SoftBounceLimit.DEFAULT);
  }

  /** @param softLimit when repeated soft bounces suppress a person (starling.yaml {@code bounces:}) */
  public Importer(Store store, Clock clock, SoftBounceLimit softLimit) {
    this.store = store;
    this.clock = clock;
    this.softLimit = softLimit;
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
    try (ImportSource source = ImportSource.of(file)) {
      long earlier = store.read(tx -> tx.importLog().findBySha256(source.sha256())).orElse(0L);
      if (earlier > 0) {
        return new ImportSummary(source.name(), "-", "-", 0, earlier, 0, 0, 0, 0, 0, 0, ImportSummary.Quality.NONE, List.of(),
            seconds(startNanos));
      }
      Format chosen = source.format(format);
      FactReader reader = source.open(chosen);
      try (ReadAhead rows = new ReadAhead(reader, source.name())) {
        return store.inImportTransaction(listener::waiting, tx -> {
          // Checked again under the write lock: another process may have imported the same bytes meanwhile.
          long raced = tx.importLog().findBySha256(source.sha256()).orElse(0L);
          if (raced > 0) {
            return new ImportSummary(source.name(), "-", "-", 0, raced, 0, 0, 0, 0, 0, 0, ImportSummary.Quality.NONE,
                List.of(), seconds(startNanos));
          }
          long importId = tx.importLog().begin(source.name(), source.sha256(), chosen.id(), started);
          ImportWriter writer = new ImportWriter(tx, importId, softLimit);
          ReadResult r;
          while ((r = rows.next()) != null) {
            writer.add(r);
            if (writer.rowsRead() % PROGRESS_EVERY == 0) {
              listener.progress(source.bytesRead(), source.size(), writer.rowsRead());
            }
          }
          listener.progress(source.bytesRead(), source.size(), writer.rowsRead());
          ImportWriter.Written w = writer.finish(reader.contentKind(), clock.millis());
          var f = w.figures();
          return new ImportSummary(source.name(), chosen.id(), reader.contentKind(), importId, 0, f.rowsRead(), f.imported(),
              f.duplicates(), f.rejected(), f.newSubscribers(), f.newCampaigns(), quality(w.quality()), w.firstRejections(),
              seconds(startNanos), w.intake());
        });
      }
    } catch (dev.starling.connectors.UnreadableSourceException e) {
      throw unreadable(file, e);
    } catch (IOException e) {
      throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof dev.starling.connectors.UnreadableSourceException u) {
        throw unreadable(file, u);
      }
      throw new ImportException(file + ": cannot read: " + e.getCause().getMessage(), e);
    }
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
