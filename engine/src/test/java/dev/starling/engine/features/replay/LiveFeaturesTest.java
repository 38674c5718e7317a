package dev.starling.engine.features.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.FeatureSource;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.store.FeatureTables;
import dev.starling.engine.store.ReplayStates;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After a weekly import, stars and leads read the replay's state instead of rows written for them; the rows
 * are written later, by the first reader of the table. Whichever way they are read, the features must be
 * the ones a refresh that writes its rows gives, to the bit.
 */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class LiveFeaturesTest {
  @Test
  void aWeeklyRefreshLeavesTheRowsToTheFirstReaderAndEveryWayOfReadingGivesTheSameFeatures(Starling s, DataDir dir)
      throws IOException {
    Path week10 = loadNineWeeks(s, dir, 53);
    s.importFile(week10, null, ImportListener.NONE);
    List<String> rowsBefore = rows(s);

    java.util.concurrent.atomic.AtomicInteger refreshed = new java.util.concurrent.atomic.AtomicInteger();
    FeatureSource live = FeatureReplay.current(s.store(), s.config().engagement(), s.clock(), refreshed::incrementAndGet);
    assertEquals(1, refreshed.get(), "the caller hears that the features changed");
    assertInstanceOf(LiveFeatures.class, live, "the week's refresh hands over its state");
    assertTrue(rowsStale(s), "and leaves the rows to be written");
    assertEquals(rowsBefore, rows(s), "no row was written");
    List<SubscriberFeatures> fromState = subscribers(s, live);
    List<AccountFeatures> accountsFromState = accounts(s, live);
    List<Star> starsFromState = s.store().read(tx -> live.stars(StarCriteria.DEFAULTS, 0));

    // A second reader finds the replay fresh and the rows stale: the stars from the saved star counts, the
    // rest from the saved state, read again.
    FeatureSource again = s.store().read(tx -> FeatureReplay.lastComputed(s.store(), s.config().engagement()));
    assertFalse(again instanceof FeatureTables || again instanceof LiveFeatures, "the saved counts answer the stars");
    assertEquals(starsFromState, s.store().read(tx -> again.stars(StarCriteria.DEFAULTS, 0)));
    StarCriteria loose = new StarCriteria(3, 0.5);
    List<Star> looseLive = s.store().read(tx -> live.stars(loose, 0));
    assertEquals(looseLive, s.store().read(tx -> again.stars(loose, 0)), "other criteria");
    assertEquals(looseLive.subList(0, 7), s.store().read(tx -> again.stars(loose, 7)), "a limit");
    assertTrue(looseLive.size() > starsFromState.size());
    assertEquals(fromState, subscribers(s, again), "the saved state gives what the refresh computed");
    assertEquals(accountsFromState, accounts(s, again));
    // Without the counts (an erasure drops them), the saved state answers the stars as well.
    StoreProbe.execute(s.store(), "DELETE FROM star_counts");
    FeatureSource resumed = s.store().read(tx -> FeatureReplay.lastComputed(s.store(), s.config().engagement()));
    assertInstanceOf(LiveFeatures.class, resumed);
    assertEquals(starsFromState, s.store().read(tx -> resumed.stars(StarCriteria.DEFAULTS, 0)));

    // A reader of the table writes the rows, from the saved state, without replaying anything.
    assertTrue(s.refreshFeatures(), "the rows are written");
    assertFalse(rowsStale(s));
    FeatureTables table = new FeatureTables(s.store());
    assertEquals(fromState, subscribers(s, table), "the rows hold what the state gave (addresses and all)");
    assertEquals(accountsFromState, accounts(s, table));
    assertEquals(starsFromState, s.store().read(tx -> table.stars(StarCriteria.DEFAULTS, 0)), "the star query over the rows");
    assertEquals(starsFromState, s.stars(StarCriteria.DEFAULTS, 0), "and from now on stars reads the rows");
    assertInstanceOf(FeatureTables.class, FeatureReplay.current(s.store(), s.config().engagement(), s.clock(),
        refreshed::incrementAndGet));
    assertEquals(1, refreshed.get(), "nothing to replay: nothing changed");
    assertFalse(starsFromState.isEmpty(), "the data has stars");
    assertEquals(3, s.stars(StarCriteria.DEFAULTS, 3).size(), "a limit cuts the best");

    // The rows are those of a refresh that replays everything and writes them (scores to 9 digits: a
    // resumed replay discounts them from another anchor).
    List<String> written = rows(s);
    s.store().inTransaction(c -> FeatureReplay.refresh(s.store(), s.config().engagement(), s.clock().millis(), true));
    assertEquals(rows(s), written);
  }

  @Test
  void leadsFromTheStateAreTheLeadsFromTheRows(Starling s, DataDir dir) throws IOException {
    Path week10 = loadNineWeeks(s, dir, 59);
    s.importFile(week10, null, ImportListener.NONE);
    var live = s.suggestLeads();
    assertTrue(rowsStale(s), "leads read the state");
    List<String> fromState = leads(s);
    assertFalse(fromState.isEmpty(), "the week has suggestions");
    // The same week again, over the rows this time: nothing new, and the stored suggestions are the same.
    s.refreshFeatures();
    var fromRows = s.suggestLeads();
    assertEquals(0, fromRows.created(), "the rows suggest nothing the state had not");
    assertEquals(live.week(), fromRows.week());
    assertEquals(fromState, leads(s));
    // And over a store that computed its rows the usual way, the same suggestions.
    StoreProbe.execute(s.store(), "DELETE FROM lead_events", "DELETE FROM leads");
    s.suggestLeads();
    assertEquals(fromState, leads(s));
  }

  /** The stars of the state show the status the rows would: the list's own removals and complaints applied. */
  @Test
  void starsWhoLeftTheListShowTheirStatusAsTheRowsDo(Starling s, DataDir dir) throws IOException {
    List<String> people = List.of("ana", "bob", "cleo", "dan");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      for (String who : people) {
        java.time.Instant sent = java.time.Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 604_800L);
        ev.append("send,").append(who).append("@acme.example,nl-").append(week).append(',').append(sent).append('\n')
            .append("open,").append(who).append("@acme.example,nl-").append(week).append(',').append(sent.plusSeconds(7200))
            .append('\n');
      }
    }
    ev.append("complaint,dan@acme.example,nl-5,2026-02-10T15:00:00Z\n");
    s.importFile(Files.writeString(dir.input("list.csv"), "email\nana@acme.example\nbob@acme.example\ncleo@acme.example\n"
        + "dan@acme.example\n"), null, ImportListener.NONE);
    s.importFile(Files.writeString(dir.input("history.csv"), ev), null, ImportListener.NONE);
    assertTrue(s.refreshFeatures());
    s.importFile(Files.writeString(dir.input("list2.csv"), "email,status\nbob@acme.example,unsubscribed\n"
        + "cleo@acme.example,cleaned\n"), null, ImportListener.NONE);
    List<Star> live = s.stars(StarCriteria.DEFAULTS, 0);
    assertTrue(rowsStale(s), "stars read the state");
    assertEquals(List.of("ana@acme.example active", "bob@acme.example unsubscribed", "cleo@acme.example hard_bounced",
        "dan@acme.example complained"), live.stream().map(x -> x.email() + " " + x.status().code()).toList());
    assertEquals(live, s.stars(StarCriteria.DEFAULTS, 0), "again, from the saved star counts");
    assertTrue(rowsStale(s));
    s.refreshFeatures();
    assertEquals(live, s.stars(StarCriteria.DEFAULTS, 0), "the rows give the same stars");
  }

  /** Subscribers, campaigns and nine weeks of events imported and refreshed; the tenth week's file. */
  private static Path loadNineWeeks(Starling s, DataDir dir, long seed) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(1200, 10, seed), dir.input("in"));
    List<String> lines = Files.readAllLines(gen.eventsFile());
    Path history = write(dir, "history.csv", lines, l -> campaign(l) <= 9);
    Path week10 = write(dir, "week10.csv", lines, l -> campaign(l) == 10);
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(gen.campaignsFile(), null, ImportListener.NONE);
    s.importFile(history, null, ImportListener.NONE);
    assertTrue(s.refreshFeatures());
    return week10;
  }

  private static boolean rowsStale(Starling s) {
    return s.store().read(tx -> new ReplayStates(s.store()).rowsStale());
  }

  private static List<SubscriberFeatures> subscribers(Starling s, FeatureSource f) {
    List<SubscriberFeatures> out = new ArrayList<>();
    s.store().read(tx -> {
      f.forEachSubscriber(out::add);
      return null;
    });
    return out;
  }

  private static List<AccountFeatures> accounts(Starling s, FeatureSource f) {
    List<AccountFeatures> out = new ArrayList<>();
    s.store().read(tx -> {
      f.forEachAccount(out::add);
      return null;
    });
    return out;
  }

  private static List<String> rows(Starling s) {
    return StoreProbe.rows(s.store(), "SELECT subscriber_id || '|' || received || '|' || campaigns_opened || '|' || printf('%.9g', score) || '|'"
        + " || state || '|' || status || '|' || coalesce(account, '-') || '|' || as_of FROM subscriber_features ORDER BY subscriber_id");
  }

  private static List<String> leads(Starling s) {
    return StoreProbe.rows(s.store(), "SELECT week || '|' || subject || '|' || subject_key || '|' || rule_id || '|' || reason"
        + " FROM leads ORDER BY id");
  }

  private static int campaign(String line) {
    return Integer.parseInt(line.split(",", 4)[2].substring(3));
  }

  private static Path write(DataDir dir, String name, List<String> lines, java.util.function.Predicate<String> keep)
      throws IOException {
    List<String> out = new ArrayList<>();
    out.add(lines.get(0));
    lines.stream().skip(1).filter(keep).forEach(out::add);
    return Files.write(dir.input(name), out);
  }
}
