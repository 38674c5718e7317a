package dev.starling.engine.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.ingest.ImportSummary;
import dev.starling.engine.store.Store;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two connections on one store file, as two processes would have: a second import waits for the
 * running one instead of failing with "database is locked", and readers never fail or wait.
 */
@ExtendWith(DataDirExtension.class)
class ConcurrentAccessTest {
  @Test
  void aSecondImportIntoABusyStoreFailedWithDatabaseIsLocked(DataDir dir, Clock clock) throws Exception {
    Path data = dir.data();
    Path list = Files.writeString(dir.input("list.csv"), "email,first_name\nana@acme.example,Ana\n");
    Path events = Files.writeString(dir.input("events.csv"),
        "type,email,campaign_id,at\nsend,ana@acme.example,c1,2026-05-01T10:00:00Z\nopen,ana@acme.example,c1,2026-05-01T11:00:00Z\n");
    try (Starling first = Starling.create(data, clock)) {
      first.importFile(list, null, ImportListener.NONE);
      first.stars(StarCriteria.DEFAULTS, 0); // features computed once, so a refresh is due only after the next import
    }
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch told = new CountDownLatch(1);
    List<String> heard = new CopyOnWriteArrayList<>();
    // Own threads: the common pool may have a single worker on a small machine, which would serialise the two.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (Store running = Store.open(data); Starling second = Starling.open(data, clock, heard::add);
        Starling reader = Starling.open(data, clock, heard::add)) {
      // "another import": a writing transaction on its own connection, held open until released
      CompletableFuture<Void> other = CompletableFuture.runAsync(() -> running.inTransaction(tx -> {
        tx.subscribers().idForEvent("bo@acme.example");
        tx.subscribers().flush();
        holding.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return null;
      }), threads);
      assertTrue(holding.await(10, TimeUnit.SECONDS));
      CompletableFuture<ImportSummary> waiting = CompletableFuture.supplyAsync(() -> second.importFile(events, null,
          new ImportListener() {
            @Override
            public void progress(long bytesRead, long totalBytes, long rows) {}

            @Override
            public void waiting() {
              heard.add("import waits");
              told.countDown();
            }
          }), threads);
      // The waiter is told once its one-second lock try has failed: wait for that, not for a fixed time
      // (a sleep was too short on a loaded machine).
      assertTrue(told.await(30, TimeUnit.SECONDS), "the second import was told it waits");
      assertFalse(waiting.isDone(), "the second import waits while the first runs");
      // readers meanwhile: no failure, no wait, and a lazy refresh skipped with a note
      assertEquals(List.of(), reader.stars(StarCriteria.DEFAULTS, 0));
      assertEquals(1, reader.importLog().size());
      release.countDown();
      other.get(10, TimeUnit.SECONDS);
      ImportSummary sum = waiting.get(30, TimeUnit.SECONDS);
      assertEquals(List.of(2L, 2L, 0L), List.of(sum.rowsRead(), sum.imported(), sum.rejected()));
      assertEquals(List.of("import waits",
          "another import is running: features not refreshed (showing the last computed ones)"), heard);
      assertEquals(List.of("ana@acme.example", "bo@acme.example"), StoreProbe.rows(reader.store(),
          "SELECT email FROM subscribers ORDER BY id"));
    } finally {
      threads.shutdownNow();
    }
  }
}
