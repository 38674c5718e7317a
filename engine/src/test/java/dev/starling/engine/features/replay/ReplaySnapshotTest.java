package dev.starling.engine.features.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.features.ClickClassifier;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.store.ReplayStates;
import dev.starling.engine.store.Store;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The saved replay state is bounded by design: fixed bytes per subscriber, and a save writes only what changed. */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class ReplaySnapshotTest {
  private static final EngagementSettings SETTINGS = EngagementSettings.DEFAULTS;
  private static final long AS_OF = 1_790_000_000_000L;
  private static final long DAY = 86_400_000L;

  @Test
  void aChunkCostsTheSameBytesPerSubscriberWhateverTheEvents() {
    ReplayState st = new ReplayState(3 * 8192, SETTINGS, AS_OF);
    for (int s = 0; s < st.size(); s++) {
      st.received[s] = s % 50;
      st.history[s] = s;
    }
    // count + per subscriber: 10 ints, 3 longs, the score, flags, status, and two empty list counts
    assertEquals(4 + 8192 * (10 * 4 + 3 * 8 + 8 + 1 + 1 + 2 + 2), ReplaySnapshot.encode(st, 1).length);
  }

  @Test
  void aUrlClickedByManyIsOneTextAndOneIdPerPerson() {
    ReplayState st = new ReplayState(1000, SETTINGS, AS_OF);
    ClickClassifier classifier = new ClickClassifier(SETTINGS);
    for (int s = 0; s < 1000; s++) {
      List<ClickClassifier.Click> clicks = new java.util.ArrayList<>(List.of(
          new ClickClassifier.Click(AS_OF - DAY, "https://acme.example/en/pricing", false, false),
          new ClickClassifier.Click(AS_OF - DAY + 60_000, "https://acme.example/blog", false, false),
          new ClickClassifier.Click(AS_OF - DAY + 120_000, "https://acme.example/en/pricing", false, false)));
      st.clicks(s, clicks, classifier, AS_OF - 2 * DAY);
    }
    assertEquals(2, st.urlNames.size());
    assertArrayEquals(new int[] {0, 1}, st.urls[999]);
    assertArrayEquals(new int[] {0}, st.pages[999], "pricing, the first pattern, once");
    assertEquals(List.of("https://acme.example/en/pricing", "https://acme.example/blog"),
        List.of(st.urlNames.text(0), st.urlNames.text(1)));
  }

  @Test
  void aSaveWritesOnlyTheChunksWrittenToSinceTheLastOne(Store store) {
    ReplayStates saved = new ReplayStates(store);
    ReplayState st = new ReplayState(1000, SETTINGS, AS_OF, AS_OF, new UrlNames(), 6); // 16 chunks of 64
    st.turn = 1;
    assertEquals(16 + 1, changes(store, () -> ReplaySnapshot.save(saved, st, List.of(7), 0)), "first save: every chunk and the header");
    assertEquals(1, changes(store, () -> ReplaySnapshot.save(saved, st, List.of(7), 0)), "nothing written to: the header only");
    st.complained(700);
    st.unsubscribed(701);
    assertEquals(1 + 1, changes(store, () -> ReplaySnapshot.save(saved, st, List.of(7), 0)), "one chunk written to");
    assertEquals(16 + 1, changes(store, () -> ReplaySnapshot.save(saved, st, List.of(7), 1)), "another slot: copied in the store");
    assertEquals(List.of("0 16 15", "1 16 15"), StoreProbe.rows(store, "SELECT slot, count(*), max(chunk) FROM replay_chunks GROUP BY slot"));
  }

  @Test
  void aSavedStateResumesEqualWithRoomForNewSubscribers(Store store) {
    inTransaction(store, () -> {
      ReplayStates saved = new ReplayStates(store);
      ReplayState st = new ReplayState(300, SETTINGS, AS_OF, AS_OF, new UrlNames(), 6);
      ClickClassifier classifier = new ClickClassifier(SETTINGS);
      for (int s = 0; s < 300; s += 7) {
        st.message(s, true, false, AS_OF - 3 * DAY, 1);
        st.open(s, 1, AS_OF - 2 * DAY, true);
        st.clicks(s, new java.util.ArrayList<>(List.of(new ClickClassifier.Click(AS_OF - 2 * DAY, "https://acme.example/demo?s=" + s % 3,
            false, false))), classifier, AS_OF - 3 * DAY);
      }
      st.complained(299);
      st.endCampaign(1);
      ReplaySnapshot.save(saved, st, List.of(7), 0);
      long later = AS_OF + 7 * DAY;
      ReplayState back = ReplaySnapshot.resume(saved, List.of(7, 8), Set.of(8), 400, SETTINGS, later);
      assertEquals(1, back.turn);
      assertEquals(400, back.size());
      for (int[][] pair : new int[][][] {{st.received, back.received}, {st.opened, back.opened}, {st.humanOpens, back.humanOpens},
          {st.humanClicks, back.humanClicks}, {st.highIntent, back.highIntent}, {st.streak, back.streak}}) {
        assertArrayEquals(pair[0], java.util.Arrays.copyOf(pair[1], 300));
      }
      assertArrayEquals(st.lastHuman, java.util.Arrays.copyOf(back.lastHuman, 300));
      assertArrayEquals(st.status, java.util.Arrays.copyOf(back.status, 300));
      for (int s = 0; s < 300; s++) {
        assertArrayEquals(st.urls[s], back.urls[s]);
        assertArrayEquals(st.pages[s], back.pages[s]);
        assertEquals(st.score(s) * Math.pow(2, -7.0 / 30), back.score(s), 1e-12, "the score decays by a week");
      }
      assertEquals(3, back.urlNames.size());
      assertNull(back.urls[350]);
      boolean[] expectChanged = new boolean[7];
      expectChanged[4] = true; // subscribers 256-299 were saved, 300-319 are new in that chunk
      expectChanged[5] = true;
      expectChanged[6] = true;
      assertArrayEquals(expectChanged, back.changed);
      assertNull(ReplaySnapshot.resume(saved, List.of(7, 8), Set.of(7), 400, SETTINGS, later), "campaign 7 touched since");
      assertNull(ReplaySnapshot.resume(saved, List.of(7, 8), Set.of(8), 400, SETTINGS, AS_OF - 1), "time went backwards");
    });
  }

  @Test
  void aChunkIsSavedDeflatedAndReadBackByteForByte() {
    ReplayState st = new ReplayState(3 * 8192, SETTINGS, AS_OF);
    for (int s = 0; s < st.size(); s++) {
      st.received[s] = s % 50;
      st.history[s] = s;
      st.lastHuman[s] = AS_OF - s * 1000L;
    }
    byte[] raw = ReplaySnapshot.encode(st, 1);
    byte[] packed = ReplaySnapshot.pack(raw);
    assertTrue(packed.length < raw.length / 4, packed.length + " bytes of " + raw.length);
    assertArrayEquals(raw, ReplaySnapshot.unpack(packed, ReplaySnapshot.FORMAT));
    assertArrayEquals(raw, ReplaySnapshot.unpack(raw, ReplaySnapshot.RAW_FORMAT));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ReplaySnapshot.unpack(java.util.Arrays.copyOf(packed, packed.length / 2), ReplaySnapshot.FORMAT));
    assertTrue(e.getMessage().startsWith("a saved replay chunk is cut short: "), e.getMessage());
  }

  /**
   * A store whose states were saved raw (format 2, before chunks were deflated) resumes from them
   * instead of replaying everything, and its next save rewrites every chunk deflated, none left raw.
   */
  @Test
  void aStateSavedRawByThePreviousFormatResumesAndIsSavedWholeInTheNewOne(Store store) {
    inTransaction(store, () -> {
      ReplayStates saved = new ReplayStates(store);
      ReplayState st = new ReplayState(300, SETTINGS, AS_OF, AS_OF, new UrlNames(), 6);
      for (int s = 0; s < 300; s += 3) {
        st.message(s, true, false, AS_OF - 3 * DAY, 1);
        st.open(s, 1, AS_OF - 2 * DAY, true);
      }
      st.endCampaign(1);
      // Saved as the previous version did: raw chunks, format 2 in the header.
      for (int c = 0; c < st.changed.length; c++) {
        saved.saveChunk(0, c, ReplaySnapshot.encode(st, c));
      }
      java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(20).putInt(ReplaySnapshot.RAW_FORMAT).putInt(300).putLong(AS_OF)
          .putInt(6);
      saved.save(0, new ReplayStates.Saved(1, new int[] {7}, header.array(), AS_OF, SETTINGS.fingerprint()));
      ReplayState back = ReplaySnapshot.resume(saved, List.of(7, 8), Set.of(8), 300, SETTINGS, AS_OF);
      assertArrayEquals(st.opened, back.opened);
      boolean[] all = new boolean[5];
      java.util.Arrays.fill(all, true);
      assertArrayEquals(all, back.changed, "every chunk is to be written again");
      back.turn = 2;
      ReplaySnapshot.save(saved, back, List.of(7, 8), 0);
      ReplayState again = ReplaySnapshot.resume(saved, List.of(7, 8), Set.of(), 300, SETTINGS, AS_OF);
      assertArrayEquals(st.opened, again.opened);
      assertArrayEquals(new boolean[5], again.changed);
    });
  }

  /** Rows the store changed while {@code work} ran (in its own transaction). */
  private static long changes(Store store, Runnable work) {
    long before = Long.parseLong(StoreProbe.rows(store, "SELECT total_changes()").get(0));
    inTransaction(store, work);
    return Long.parseLong(StoreProbe.rows(store, "SELECT total_changes()").get(0)) - before;
  }

  private static void inTransaction(Store store, Runnable work) {
    store.inTransaction(c -> {
      work.run();
      return null;
    });
  }
}
