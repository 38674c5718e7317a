package dev.starling.engine.features.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportListener;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The incremental refresh (resuming from a saved replay state) must give exactly what a full replay gives. */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class IncrementalRefreshTest {
  @Test
  void weeklyImportsResumeFromTheSavedStateAndMatchAFullReplay(Starling s, DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(1500, 10, 41), dir.input("in"));
    List<String> lines = Files.readAllLines(gen.eventsFile());
    String header = lines.get(0);
    // Weeks 1-8 first; then campaign 9 with some late opens of campaign 8; then campaign 10.
    Path history = write(dir, "history.csv", header, lines, l -> campaign(l) <= 8 && !(campaign(l) == 8 && l.startsWith("open,") && l.hashCode() % 3 == 0));
    Path week9 = write(dir, "week9.csv", header, lines, l -> campaign(l) == 9 || (campaign(l) == 8 && l.startsWith("open,") && l.hashCode() % 3 == 0));
    Path week10 = write(dir, "week10.csv", header, lines, l -> campaign(l) == 10);
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    // The campaign list as exported after week 8; campaigns 9 and 10 are first named by their logs.
    List<String> campaigns = Files.readAllLines(gen.campaignsFile());
    s.importFile(Files.write(dir.input("campaigns-1-8.csv"), campaigns.subList(0, 9)), null, ImportListener.NONE);
    s.importFile(history, null, ImportListener.NONE);
    assertEquals(8, refresh(s, false), "the first refresh replays every campaign");
    s.importFile(week9, null, ImportListener.NONE);
    assertEquals(3, refresh(s, false), "late opens of campaign 8: resume from the state two campaigns back");
    List<String> incremental = features(s);
    assertEquals(incremental, features(s, true), "after week 9");
    s.importFile(week10, null, ImportListener.NONE);
    assertEquals(1, refresh(s, false), "only campaign 10 is new: resume from the end");
    List<String> afterWeek10 = features(s);
    assertEquals(afterWeek10, features(s, true), "after week 10");
  }

  /**
   * Found by the weekly benchmark: the campaigns file already named next week's campaign, so the state
   * saved at the end of the replay stood after that empty campaign, and the week's import (its first
   * rows) made every weekly refresh fall back to the state two campaigns back.
   */
  @Test
  void aCampaignAnnouncedBeforeItsLogsIsReplayedAloneWhenTheyArrive(Starling s, DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(1500, 10, 47), dir.input("in"));
    List<String> lines = Files.readAllLines(gen.eventsFile());
    Path history = write(dir, "history.csv", lines.get(0), lines, l -> campaign(l) <= 9);
    Path week10 = write(dir, "week10.csv", lines.get(0), lines, l -> campaign(l) == 10);
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(gen.campaignsFile(), null, ImportListener.NONE); // all ten, the tenth not sent yet
    s.importFile(history, null, ImportListener.NONE);
    assertEquals(10, refresh(s, false), "the first refresh replays every campaign, the empty tenth too");
    s.importFile(week10, null, ImportListener.NONE);
    assertEquals(1, refresh(s, false), "campaign 10's logs arrive: resume from the end of the data before it");
    List<String> incremental = features(s);
    assertEquals(incremental, features(s, true), "after week 10");
  }

  @Test
  void aCampaignToASegmentRewritesOnlyTheSegmentsChunksAndMatchesAFullReplay(Starling s, DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(1500, 10, 43), dir.input("in"));
    List<String> lines = Files.readAllLines(gen.eventsFile());
    // The segment: the list's first 100 people, ids 1-100, chunks 0 and 1 of 64 subscribers.
    Set<String> segment = new HashSet<>();
    for (String l : Files.readAllLines(gen.subscribersFile()).subList(1, 101)) {
      segment.add(l.split(",", 2)[0]);
    }
    Path history = write(dir, "history.csv", lines.get(0), lines, l -> campaign(l) <= 9);
    Path week10 = write(dir, "week10.csv", lines.get(0), lines, l -> campaign(l) == 10 && segment.contains(l.split(",", 3)[1]));
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(Files.write(dir.input("campaigns-1-9.csv"), Files.readAllLines(gen.campaignsFile()).subList(0, 10)), null,
        ImportListener.NONE);
    s.importFile(history, null, ImportListener.NONE);
    assertEquals(9, refresh(s, false, 6), "the first refresh replays every campaign");
    assertEquals(List.of("24"), StoreProbe.rows(s.store(), "SELECT count(*) FROM replay_chunks WHERE slot = 0"));
    List<String> before = StoreProbe.rows(s.store(), "SELECT chunk, hex(data) FROM replay_chunks WHERE slot = 0 ORDER BY chunk");
    s.importFile(week10, null, ImportListener.NONE);
    assertEquals(1, refresh(s, false, 6), "only campaign 10 is new: resume from the end");
    List<String> after = StoreProbe.rows(s.store(), "SELECT chunk, hex(data) FROM replay_chunks WHERE slot = 0 ORDER BY chunk");
    List<Integer> rewritten = new ArrayList<>();
    for (int c = 0; c < after.size(); c++) {
      if (!after.get(c).equals(before.get(c))) {
        rewritten.add(c);
      }
    }
    assertEquals(List.of(0, 1), rewritten, "the chunks of the segment's people");
    assertFalse(s.refreshFeatures(), "warm: no import since the last refresh, nothing to refresh");
    List<String> incremental = features(s);
    assertEquals(incremental, features(s, true), "after the segment's campaign");
  }

  @Test
  void aListImportAfterAnEarlierRefreshStillRefreshesTheFeatures(Starling s, DataDir dir) throws IOException {
    Path list = Files.writeString(dir.input("list.csv"), "email\nana@acme.example\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      ev.append("send,ana@acme.example,nl-").append(week).append(',')
          .append(Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 604_800L)).append('\n')
          .append("open,ana@acme.example,nl-").append(week).append(',')
          .append(Instant.parse("2026-01-06T12:00:00Z").plusSeconds(week * 604_800L)).append('\n');
    }
    s.importFile(list, null, ImportListener.NONE);
    s.importFile(Files.writeString(dir.input("ev.csv"), ev), null, ImportListener.NONE);
    assertEquals(List.of("active"), status(s));
    s.importFile(Files.writeString(dir.input("list2.csv"), "email,status\nana@acme.example,unsubscribed\n"), null,
        ImportListener.NONE);
    assertEquals(List.of("unsubscribed"), status(s), "the list import must be reflected at the next read");
  }

  /**
   * Bug found by the benchmark: an import whose bounces suppressed someone (status 'cleaned') marked
   * the features for a full replay, so every weekly refresh with a new hard bounce replayed all
   * campaigns. The list's status is applied after the saved states on every refresh, so resuming is exact.
   */
  @Test
  void aWeeklyImportThatSuppressesABouncedPersonForcedAFullReplay(Starling s, DataDir dir) throws IOException {
    s.importFile(Files.writeString(dir.input("list.csv"), "email\nana@acme.example\nbob@acme.example\n"), null,
        ImportListener.NONE);
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at,bounce_type\n");
    for (int week = 0; week < 6; week++) {
      for (String who : List.of("ana", "bob")) {
        ev.append("send,").append(who).append("@acme.example,nl-").append(week).append(',')
            .append(Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 604_800L)).append(",\n")
            .append("open,").append(who).append("@acme.example,nl-").append(week).append(',')
            .append(Instant.parse("2026-01-06T12:00:00Z").plusSeconds(week * 604_800L)).append(",\n");
      }
    }
    s.importFile(Files.writeString(dir.input("history.csv"), ev), null, ImportListener.NONE);
    assertEquals(6, refresh(s, false), "the first refresh replays every campaign");
    String week7 = "type,email,campaign_id,at,bounce_type\n"
        + "send,ana@acme.example,nl-6,2026-02-17T09:00:00Z,\n"
        + "open,ana@acme.example,nl-6,2026-02-17T12:00:00Z,\n"
        + "send,bob@acme.example,nl-6,2026-02-17T09:00:00Z,\n"
        + "bounce,bob@acme.example,nl-6,2026-02-17T09:01:00Z,hard\n";
    s.importFile(Files.writeString(dir.input("week7.csv"), week7), null, ImportListener.NONE);
    assertEquals(List.of("-", "cleaned"), StoreProbe.rows(s.store(), "SELECT coalesce(status, '-') FROM subscribers ORDER BY id"),
        "bob is suppressed by the import");
    assertEquals(1, refresh(s, false), "only campaign nl-6 is new: resume from the end");
    List<String> incremental = features(s);
    assertEquals(List.of("active", "hard_bounced"),
        StoreProbe.rows(s.store(), "SELECT status FROM subscriber_features ORDER BY subscriber_id"));
    assertEquals(incremental, features(s, true));
  }

  private static List<String> status(Starling s) {
    s.refreshFeatures();
    return StoreProbe.rows(s.store(), "SELECT status FROM subscriber_features");
  }

  private int refresh(Starling s, boolean full) {
    return s.store().inTransaction(c -> FeatureReplay.refresh(s.store(), s.config().engagement(), s.clock().millis(), full));
  }

  private int refresh(Starling s, boolean full, int chunkBits) {
    return s.store().inTransaction(c -> FeatureReplay.refresh(s.store(), s.config().engagement(), s.clock().millis(), full,
        chunkBits));
  }

  private List<String> features(Starling s) {
    return features(s, false);
  }

  /** Every stored feature row as text (scores to 9 digits); with {@code full}, after a full replay. */
  private List<String> features(Starling s, boolean full) {
    if (full) {
      refresh(s, true);
    }
    List<String> out = new ArrayList<>();
    for (Map<String, Object> row : StoreProbe.records(s.store(), "SELECT * FROM subscriber_features ORDER BY subscriber_id")) {
      StringBuilder b = new StringBuilder();
      row.forEach((column, v) -> {
        if (!column.equals("computed_at")) {
          b.append(v instanceof Double d ? String.format("%.9g", d) : String.valueOf(v)).append('|');
        }
      });
      out.add(b.toString());
    }
    return out;
  }

  private static int campaign(String line) {
    String[] f = line.split(",", 4);
    return Integer.parseInt(f[2].substring(3));
  }

  private static Path write(DataDir dir, String name, String header, List<String> lines, java.util.function.Predicate<String> keep) throws IOException {
    List<String> out = new ArrayList<>();
    out.add(header);
    lines.stream().skip(1).filter(keep).forEach(out::add);
    return Files.write(dir.input(name), out);
  }
}
