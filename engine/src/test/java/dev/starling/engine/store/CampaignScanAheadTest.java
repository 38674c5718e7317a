package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay's scan read ahead on a second thread hands over exactly the rows, in exactly the order,
 * of the same scan read on the caller's thread; and it stops its thread when closed early.
 */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class CampaignScanAheadTest {
  private static final String READER = "starling-replay-reader";
  /** Rows per block in these tests: a campaign spans several, and the reader soon waits for the replay. */
  private static final int BLOCK = 16;

  @ParameterizedTest(name = "reader on a connection of its own: {0}")
  @ValueSource(booleans = {true, false})
  void readAheadGivesTheRowsOfTheScanOnTheCallersThreadInTheSameOrder(boolean ownConnection, Starling s, Store store, DataDir dir)
      throws IOException {
    load(s, dir, 500, 4);
    EventHistory history = new EventHistory(store);
    List<String> direct = store.read(tx -> {
      try (EventHistory.CampaignScan scan = history.campaignScan()) {
        return rows(scan, history.campaignsInSendOrder());
      }
    });
    List<String> ahead = store.read(tx -> {
      List<Integer> order = new ArrayList<>(history.campaignsInSendOrder());
      order.add(0);
      try (EventHistory.CampaignScan scan = history.campaignScanAhead(order, BLOCK, 3, ownConnection)) {
        return rows(scan, history.campaignsInSendOrder());
      }
    });
    assertEquals(direct, ahead);
    long events = direct.stream().filter(r -> r.startsWith("e ")).count();
    assertTrue(events > 20 * BLOCK, "events span many blocks: " + events);
    assertTrue(direct.stream().anyMatch(r -> r.contains(" apple ")), "Apple's proxy addresses are among them");
    assertTrue(direct.stream().anyMatch(r -> r.startsWith("e ") && r.contains(" CLICK ") && r.endsWith("http")), "clicks with URLs");
  }

  @Test
  void askingForAnotherCampaignThanTheOneReadAheadFailsAndNamesBoth(Starling s, Store store, DataDir dir) throws IOException {
    load(s, dir, 200, 3);
    EventHistory history = new EventHistory(store);
    IllegalStateException e = store.read(tx -> {
      List<Integer> order = history.campaignsInSendOrder();
      try (EventHistory.CampaignScan scan = history.campaignScanAhead(order, BLOCK, 3, false)) {
        return assertThrows(IllegalStateException.class, () -> scan.events(order.get(0), (a, b, c, d, f, g, h) -> { }));
      }
    });
    int first = store.read(tx -> history.campaignsInSendOrder().get(0));
    assertEquals("the replay asked for events of campaign " + first + " but the reader read ahead messages of campaign " + first,
        e.getMessage());
  }

  @Test
  void closingBeforeTheLastCampaignStopsTheReader(Starling s, Store store, DataDir dir) throws IOException {
    load(s, dir, 500, 4);
    EventHistory history = new EventHistory(store);
    int[] messages = {0};
    int[] events = {0};
    int expected = store.read(tx -> {
      int[] n = {0};
      try (EventHistory.CampaignScan scan = history.campaignScan()) {
        scan.messages(history.campaignsInSendOrder().get(0), (sub, delivered, hard, time) -> n[0]++);
      }
      return n[0];
    });
    store.read(tx -> {
      List<Integer> order = history.campaignsInSendOrder();
      try (EventHistory.CampaignScan scan = history.campaignScanAhead(order, BLOCK, 3, true)) {
        scan.messages(order.get(0), (sub, delivered, hard, time) -> messages[0]++);
        scan.events(order.get(0), (sub, type, at, agent, apple, flag, url) -> events[0]++);
        // The reader fills the pool and waits for a free block.
        Thread reader = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(READER)).findFirst().orElseThrow();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(Thread.State.WAITING, reader.getState());
      }
      return null;
    });
    assertEquals(expected, messages[0], "every message of the first campaign");
    assertTrue(events[0] > 0, "and its events");
    assertTrue(expected > 10 * BLOCK, "several blocks: " + expected);
    assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith(READER) && t.isAlive()),
        "no reader thread is left");
  }

  private static void load(Starling s, DataDir dir, int people, int campaigns) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(people, campaigns, 43), dir.input("in"));
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(gen.campaignsFile(), null, ImportListener.NONE);
    s.importFile(gen.eventsFile(), null, ImportListener.NONE);
  }

  /** Every row the scan hands over, each campaign's messages then events, then the list-level events. */
  private static List<String> rows(EventHistory.CampaignScan scan, List<Integer> order) {
    List<String> out = new ArrayList<>();
    EventHistory.EventSink events = (sub, type, at, agent, apple, flag, url) -> out.add("e " + sub + " " + type + " " + at + " "
        + agent + (apple ? " apple " : " - ") + flag + " " + (url == null ? "-" : url.substring(0, 4)));
    for (int c : order) {
      scan.messages(c, (sub, delivered, hard, time) -> out.add("m " + sub + " " + delivered + " " + hard + " " + time));
      scan.events(c, events);
    }
    scan.events(0, events);
    return out;
  }
}
