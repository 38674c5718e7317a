package dev.starling.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.store.EventHistory;
import dev.starling.engine.store.HumanOpeners;
import dev.starling.engine.store.Store;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.fixtures.DatasetGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who human-opened each campaign, as the feature refresh saves it, against the same classified from the events:
 * the search index may read either and must find the same subjects for everyone; a campaign an import touched
 * since the refresh is classified again; an erased person leaves no bit behind.
 */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class HumanOpensTest {

  /** Each subscriber's opened campaigns, 1..max id, one line each. */
  private static List<String> everyone(Store store, EngagementSettings settings) {
    return store.read(tx -> {
      EventHistory history = new EventHistory(store);
      HumanOpens opens = HumanOpens.scan(store, history.campaignsInSendOrder(), settings);
      List<String> out = new ArrayList<>();
      for (int id = 1; id <= history.maxSubscriberId(); id++) {
        out.add(id + " " + java.util.Arrays.toString(opens.of(id)));
      }
      return out;
    });
  }

  @Test
  void theRefreshSavesForEveryCampaignWhatTheEventsSayAndAnErasureClearsItsBits(Starling s, DataDir dir) throws IOException {
    SearchFixture.load(s, dir, c -> true);
    s.refreshFeatures();
    EngagementSettings settings = s.config().engagement();
    Store store = s.store();
    int campaigns = store.read(tx -> new EventHistory(store).campaignsInSendOrder().size());
    assertEquals(List.of(String.valueOf(campaigns)), StoreProbe.rows(store, "SELECT count(*) FROM human_openers"));
    List<String> saved = everyone(store, settings);
    assertTrue(saved.stream().anyMatch(l -> !l.endsWith("[]")), "somebody opened something");

    StoreProbe.execute(store, "DELETE FROM human_openers");
    assertEquals(saved, everyone(store, settings), "classified from the events: the same");

    // Saved again by a full replay (other settings are another fingerprint: everything is replayed).
    s.refreshFeatures();
    StoreProbe.execute(store, "UPDATE meta SET value = 'other' WHERE key = 'features_settings'");
    s.refreshFeatures();
    assertEquals(saved, everyone(store, settings));

    String opener = StoreProbe.rows(store, "SELECT s.email FROM subscribers s JOIN subscriber_features f ON f.subscriber_id = s.id"
        + " WHERE f.human_opens > 0 ORDER BY s.id LIMIT 1").get(0);
    int id = Integer.parseInt(StoreProbe.rows(store, "SELECT id FROM subscribers WHERE email = '" + opener + "'").get(0));
    s.forget(List.of(opener), "test");
    store.read(tx -> {
      for (BitSet b : new HumanOpeners(store).current().values()) {
        assertFalse(b.get(id), "the erased person's bit is cleared");
      }
      return null;
    });
  }

  @Test
  void aCampaignTouchedSinceTheRefreshIsClassifiedFromItsEvents(Starling s, DataDir dir) throws IOException {
    var gen = DatasetGenerator.generate(SearchFixture.SPEC, dir.input("in"));
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(gen.campaignsFile(), null, ImportListener.NONE);
    // Campaign 2's rows half in the first file and half in the second, so the refresh in between saves
    // openers for it that the second import makes stale.
    List<String> lines = Files.readAllLines(gen.eventsFile());
    StringBuilder first = new StringBuilder(lines.get(0)).append('\n');
    StringBuilder second = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 1; i < lines.size(); i++) {
      int campaign = SearchFixture.campaign(lines.get(i));
      boolean early = campaign < 2 || (campaign == 2 && i % 2 == 0);
      (early ? first : second).append(lines.get(i)).append('\n');
    }
    s.importFile(Files.writeString(dir.input("first.csv"), first), null, ImportListener.NONE);
    s.refreshFeatures();
    EngagementSettings settings = s.config().engagement();
    String before = StoreProbe.rows(s.store(), "SELECT hex(openers) FROM human_openers WHERE campaign_id ="
        + " (SELECT id FROM campaigns WHERE code = 'nl-002')").get(0);
    s.importFile(Files.writeString(dir.input("second.csv"), second), null, ImportListener.NONE);
    List<String> mixed = everyone(s.store(), settings);
    StoreProbe.execute(s.store(), "DELETE FROM human_openers");
    assertEquals(everyone(s.store(), settings), mixed);
    s.refreshFeatures();
    String after = StoreProbe.rows(s.store(), "SELECT hex(openers) FROM human_openers WHERE campaign_id ="
        + " (SELECT id FROM campaigns WHERE code = 'nl-002')").get(0);
    assertFalse(before.equals(after), "the second half of campaign 2 had human opens the first refresh could not see");
    assertEquals(mixed, everyone(s.store(), settings));
  }
}
