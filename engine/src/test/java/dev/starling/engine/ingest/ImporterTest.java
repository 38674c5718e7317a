package dev.starling.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.connectors.Rejection;
import dev.starling.engine.app.Starling;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Imports end to end on a real store: ground truth, re-imports, interruptions, rejections, quality figures. */
@ExtendWith(DataDirExtension.class)
class ImporterTest {
  @Test
  void generatedDataYieldsExactlyTheGroundTruthStars(Starling s, DataDir dir) throws IOException {
    long seed = Long.getLong("tests.seed", 11L);
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(4000, 10, seed), dir.input("in"));
    for (Path f : List.of(gen.subscribersFile(), gen.campaignsFile(), gen.eventsFile())) {
      ImportSummary sum = s.importFile(f, null, ImportListener.NONE);
      assertEquals(0, sum.rejected(), f + " rejected rows");
    }
    Set<String> stars = s.stars(StarCriteria.DEFAULTS, 0).stream().map(Star::email).collect(Collectors.toSet());
    Set<String> truth = new HashSet<>(Files.readAllLines(dir.input("in/truth/stars.txt")));
    assertTrue(truth.size() > 20, "seed " + seed + " should plant stars");
    assertEquals(truth, stars, "seed " + seed);

    Set<String> machineOnly = new HashSet<>(Files.readAllLines(dir.input("in/truth/machine-only.txt")));
    assertTrue(machineOnly.size() > 100, "seed " + seed + " should plant machine-only readers");
    assertTrue(s.refreshFeatures(), "stars read the replay's state: the rows are written for a reader of the table");
    assertEquals(machineOnly, query(s, "SELECT s.email FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id"
        + " WHERE f.machine_opens > 0 AND f.human_opens = 0"), "seed " + seed);
    assertTrue(Collections.disjoint(machineOnly, stars));
  }

  @Test
  void reimportingChangesNothingWhetherSameBytesOrSameRowsReordered(Starling s, DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(300, 6, 3), dir.input("in"));
    for (Path f : List.of(gen.subscribersFile(), gen.campaignsFile(), gen.eventsFile())) {
      s.importFile(f, null, ImportListener.NONE);
    }
    Map<String, Long> before = counts(s);

    ImportSummary again = s.importFile(gen.eventsFile(), null, ImportListener.NONE);
    assertEquals(3, again.alreadyImportedAs());
    assertEquals(before, counts(s));

    List<String> lines = new ArrayList<>(Files.readAllLines(gen.eventsFile()));
    String header = lines.remove(0);
    Collections.reverse(lines);
    lines.add(0, header);
    Path reordered = dir.input("reordered.csv");
    Files.write(reordered, lines);
    ImportSummary sum = s.importFile(reordered, null, ImportListener.NONE);
    assertEquals(0, sum.imported());
    assertEquals(lines.size() - 1, sum.duplicates());
    Map<String, Long> after = counts(s);
    assertEquals(before.get("imports") + 1, after.get("imports")); // the new file's import is recorded ...
    after.put("imports", before.get("imports"));
    assertEquals(before, after); // ... and nothing else changed
  }

  @Test
  void aFileOfANewSizeIsHashedWhileReadAndItsSizeAndHashAreRecorded(Starling s, DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(300, 6, 3), dir.input("in"));
    ImportSummary sum = s.importFile(gen.eventsFile(), null, ImportListener.NONE);
    assertEquals(gen.events(), sum.rowsRead());
    String sha = java.util.HexFormat.of().formatHex(sha256(gen.eventsFile()));
    assertEquals(List.of(sha + "|" + Files.size(gen.eventsFile())),
        StoreProbe.rows(s.store(), "SELECT sha256 || '|' || bytes FROM imports"));
    assertEquals(sum.importId(), s.importFile(gen.eventsFile(), null, ImportListener.NONE).alreadyImportedAs());
  }

  @Test
  void theSameBytesImportedMeanwhileUnderAnotherSizeRecordRollBackAndCountAsSkipped(Starling s, DataDir dir)
      throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(300, 6, 3), dir.input("in"));
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(gen.campaignsFile(), null, ImportListener.NONE);
    // What another process leaves when it commits the same file while this one reads it: its record is
    // found only by the hash taken aside (its size differs here so that the check before reading misses it).
    String sha = java.util.HexFormat.of().formatHex(sha256(gen.eventsFile()));
    StoreProbe.execute(s.store(), "INSERT INTO imports (id, source, sha256, format, kind, started_at, finished_at, rows_read,"
        + " imported, duplicates, rejected, new_subscribers, new_campaigns, bytes) VALUES (77, 'events.csv', '" + sha
        + "', 'starling-csv', 'events', 0, 0, 0, 0, 0, 0, 0, 0, 1)");
    Map<String, Long> before = counts(s);
    ImportSummary sum = s.importFile(gen.eventsFile(), null, ImportListener.NONE);
    assertEquals(List.of(77L, 0L, 0L), List.of(sum.alreadyImportedAs(), sum.rowsRead(), sum.imported()));
    assertEquals(before, counts(s));
  }

  private static byte[] sha256(Path file) throws IOException {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anImportInterruptedHalfWayLeavesTheStoreAsItWas(Starling s, DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(3000, 12, 5), dir.input("in"));
    s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    s.importFile(gen.campaignsFile(), null, ImportListener.NONE);
    Map<String, Long> before = counts(s);
    RuntimeException crash = new IllegalStateException("disk full (injected)");
    ImportListener failing = (bytes, total, rows) -> {
      if (rows >= 50_000) {
        throw crash;
      }
    };
    assertEquals(crash, assertThrows(IllegalStateException.class, () -> s.importFile(gen.eventsFile(), null, failing)));
    assertEquals(before, counts(s));
    // and the same file then imports completely
    ImportSummary sum = s.importFile(gen.eventsFile(), null, ImportListener.NONE);
    assertEquals(List.of(gen.events(), 0L), List.of(sum.rowsRead(), sum.rejected()));
    assertTrue(sum.duplicates() < 5, "rows identical to the second are one event: " + sum.duplicates());
    assertEquals(gen.events(), sum.imported() + sum.duplicates());
  }

  @Test
  void badRowsAreRejectedAndKeptWhileGoodRowsOfTheSameFileLand(Starling s, DataDir dir) throws IOException {
    Path f = dir.input("events.csv");
    Files.writeString(f, """
        type,email,campaign_id,at,bounce_type
        send,ana@acme.example,nl-1,2026-01-06T09:00:00Z,
        delivery,ana@acme.example,nl-1,2026-01-06T09:00:05Z,
        open,ana@acme.example,nl-1,2026-01-06T12:00:00Z,
        open,not-an-address,nl-1,2026-01-06T12:00:00Z,
        open,bo@acme.example,nl-1,yesterday,
        teleport,bo@acme.example,nl-1,2026-01-06T12:00:00Z,
        open,bo@acme.example,nl-1
        send,new.person@other.example,nl-9,2026-01-13T09:00:00Z,
        """, StandardCharsets.UTF_8);
    ImportSummary sum = s.importFile(f, null, ImportListener.NONE);
    assertEquals(List.of(
        new Rejection("events.csv", 5, "email must look like name@example.com but was 'not-an-address'", "open,not-an-address,nl-1,2026-01-06T12:00:00Z,"),
        new Rejection("events.csv", 6, "column 'at' must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was 'yesterday'", "open,bo@acme.example,nl-1,yesterday,"),
        new Rejection("events.csv", 7, "type must be one of send, delivery, open, click, bounce, complaint, unsubscribe but was 'teleport'", "teleport,bo@acme.example,nl-1,2026-01-06T12:00:00Z,"),
        new Rejection("events.csv", 8, "expected 5 columns as in the header but found 3", "open,bo@acme.example,nl-1")),
        sum.firstRejections());
    assertEquals(8, sum.rowsRead());
    assertEquals(4, sum.imported());
    assertEquals(4, sum.rejected());
    assertEquals(2, sum.newSubscribers());    // people first seen in the log are kept
    assertEquals(2, sum.unknownCampaigns());  // nl-1 and nl-9 created as placeholders
    assertEquals(Set.of("5|email must look like name@example.com but was 'not-an-address'",
            "6|column 'at' must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was 'yesterday'",
            "7|type must be one of send, delivery, open, click, bounce, complaint, unsubscribe but was 'teleport'",
            "8|expected 5 columns as in the header but found 3"),
        query(s, "SELECT line || '|' || reason FROM rejections WHERE import_id = " + sum.importId()));
    assertEquals(Set.of("nl-1|1767690000000|1", "nl-9|1768294800000|1"),
        query(s, "SELECT code || '|' || sent_at || '|' || placeholder FROM campaigns"));
  }

  @Test
  void eachImportReportsAndStoresItsDataQualityFigures(Starling s, DataDir dir) throws IOException {
    Path list = Files.writeString(dir.input("list.csv"), "email,created_at\nana@acme.example,2026-01-01T00:00:00Z\n"
        + "late@acme.example,2026-03-01T00:00:00Z\n");
    Path f = Files.writeString(dir.input("ev.csv"), """
        type,email,campaign_id,at
        send,ana@acme.example,nl-1,2026-01-06T09:00:00Z
        delivery,ana@acme.example,nl-1,2026-01-06T09:10:00Z
        click,ana@acme.example,nl-1,2026-01-06T09:05:00Z
        open,bo@acme.example,nl-1,2026-01-06T12:00:00Z
        open,late@acme.example,nl-1,2026-01-06T12:00:00Z
        send,ana@acme.example,nl-2,2026-01-13T09:00:00Z
        send,late@acme.example,nl-2,2026-01-13T09:00:00Z
        """);
    s.importFile(list, null, ImportListener.NONE);
    ImportSummary sum = s.importFile(f, null, ImportListener.NONE);
    // bo and late opened nl-1 without a send; ana clicked before delivery; late opened before joining;
    // nl-2 has two sends and no open or click at all.
    assertEquals(new ImportSummary.Quality(2, 1, 1, 2), sum.quality());
    assertEquals(Set.of("2|1|1|2"), query(s, "SELECT no_send_engagements || '|' || clicks_before_delivery || '|'"
        + " || events_before_signup || '|' || untracked_sends FROM imports WHERE id = " + sum.importId()));
  }

  @Test
  void wholeFileProblemsAreClearErrorsOrSingleRejections(Starling s, DataDir dir) throws IOException {
    Path empty = Files.writeString(dir.input("empty.csv"), "");
    assertEquals(empty + ": file is empty",
        assertThrows(ImportException.class, () -> s.importFile(empty, null, ImportListener.NONE)).getMessage());
    Path missing = dir.input("nope.csv");
    assertEquals(missing + ": no such file",
        assertThrows(ImportException.class, () -> s.importFile(missing, null, ImportListener.NONE)).getMessage());
    Path binary = Files.write(dir.input("photo.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 0, 0, 1, 2});
    assertTrue(assertThrows(ImportException.class, () -> s.importFile(binary, null, ImportListener.NONE)).getMessage()
        .startsWith(binary + ": not a format Starling knows (see 'starling formats')"));
    Path headerOnly = Files.writeString(dir.input("h.csv"), "type,email,campaign_id,at\n");
    ImportSummary sum = s.importFile(headerOnly, null, ImportListener.NONE);
    assertEquals(List.of(0L, 0L), List.of(sum.rowsRead(), sum.rejected()));
  }

  @Test
  void aSecondListImportUpdatesWhatChangedAndCountsTheRestAsDuplicates(Starling s, DataDir dir) throws IOException {
    Path v1 = Files.writeString(dir.input("list1.csv"), "email,first_name,company\nana@acme.example,Ana,Acme\nbo@acme.example,Bo,Acme\n");
    Path v2 = Files.writeString(dir.input("list2.csv"), "email,first_name,company\nana@acme.example,Ana,Acme\nbo@acme.example,Bo,Acme Corp\n");
    s.importFile(v1, null, ImportListener.NONE);
    ImportSummary sum = s.importFile(v2, null, ImportListener.NONE);
    assertEquals(List.of(1L, 1L), List.of(sum.imported(), sum.duplicates()));
    assertEquals(Set.of("ana@acme.example|Acme", "bo@acme.example|Acme Corp"), query(s, "SELECT email || '|' || company FROM subscribers"));
  }

  static Set<String> query(Starling s, String sql) {
    return new HashSet<>(StoreProbe.rows(s.store(), sql));
  }

  static Map<String, Long> counts(Starling s) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String t : List.of("subscribers", "campaigns", "messages", "events", "agents", "imports", "rejections")) {
      out.put(t, Long.parseLong(StoreProbe.rows(s.store(), "SELECT count(*) FROM " + t).get(0)));
    }
    out.put("messages checksum", (long) Double.parseDouble(StoreProbe.rows(s.store(),
        "SELECT total(coalesce(sent_at,0) + coalesce(delivered_at,0) + coalesce(bounced_at,0) + bounce) FROM messages").get(0)));
    return out;
  }
}
