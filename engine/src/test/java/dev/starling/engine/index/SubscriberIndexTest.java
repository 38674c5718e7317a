package dev.starling.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.connectors.EventType;
import dev.starling.engine.app.Starling;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.OpenKind;
import dev.starling.engine.features.replay.ClassifiedEvents;
import dev.starling.engine.features.replay.FeatureReplay;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.ingest.Importer;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The index against the store it is built from: same answers, same documents whichever way it was brought up to date. */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class SubscriberIndexTest {
  private static final String PEOPLE = "SELECT s.email FROM subscribers s LEFT JOIN subscriber_features f"
      + " ON f.subscriber_id = s.id WHERE ";

  private static List<String> found(Starling s, String query, boolean accounts) {
    SearchResult r = s.search(new SearchRequest(query, accounts, 100_000, SearchSort.RELEVANCE, false));
    List<String> keys = new ArrayList<>();
    r.hits().forEachRow(row -> keys.add((String) row[0]));
    assertEquals(keys.size(), r.total(), "every match is listed");
    return keys.stream().sorted().toList();
  }

  private static List<String> stored(Starling s, String sql) {
    return StoreProbe.rows(s.store(), sql).stream().sorted().toList();
  }

  @Test
  void everyFieldAndRangeFindsWhatTheEquivalentStoreQueryFinds(Starling s, DataDir dir) throws IOException {
    SearchFixture.load(s, dir, c -> true);
    long march = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    String[][] cases = {
      {"country:ES", "s.country_code = 'ES'"},
      {"country:España", "s.country_code = 'ES'"},
      {"country:\"Reino Unido\"", "s.country_code = 'GB'"},
      {"stars:[4 TO 5]", "f.star_tier BETWEEN 4 AND 5"},
      {"stars:{3 TO 5}", "f.star_tier = 4"},
      {"stars:0", "f.star_tier = 0"},
      {"score:[5 TO *]", "f.score >= 5"},
      {"last:[2026-03-01 TO *]", "f.last_human_at >= " + march},
      {"last:2026-03-10", "f.last_human_at BETWEEN " + (march + 9 * 86_400_000L) + " AND " + (march + 10 * 86_400_000L - 1)},
      {"state:engaged", "f.state = 'engaged'"},
      {"confidence:low", "f.confidence = 'low'"},
      {"status:unsubscribed", "f.status = 'unsubscribed'"},
      {"domain:gmail.com", "s.domain = 'gmail.com'"},
      {"tags:customer", "'|' || lower(s.tags) || '|' LIKE '%|customer|%'"},
      {"account:\"acme logistics\"", "f.account = 'acme logistics'"},
      {"company:acme", "' ' || lower(s.company) || ' ' LIKE '% acme %'"},
      {"email:a*", "s.email LIKE 'a%'"},
      {"email:[b TO d}", "s.email >= 'b' AND s.email < 'd'"},
      {"email:{* TO b]", "s.email <= 'b'"},
      {"email:/c.*/", "s.email LIKE 'c%'"},
      {"email:*", "s.email IS NOT NULL"},
      {"name:anna", "' ' || lower(s.first_name) || ' ' || lower(s.last_name) || ' ' LIKE '% anna %'"},
      {"clicked:pricing", "f.clicked_urls LIKE '%pricing%'"},
      {"country:ES AND stars:[4 TO 5] AND NOT state:dormant",
          "s.country_code = 'ES' AND f.star_tier BETWEEN 4 AND 5 AND f.state <> 'dormant'"},
      {"-country:ES", "s.country_code IS NOT 'ES'"},
    };
    for (String[] c : cases) {
      List<String> expected = stored(s, PEOPLE + c[1]);
      assertFalse(expected.isEmpty(), "the fixture has people for " + c[0]);
      assertEquals(expected, found(s, c[0], false), c[0]);
    }
    assertEquals(stored(s, "SELECT account FROM account_features WHERE people >= 3"), found(s, "people:[3 TO *]", true));
    assertEquals(stored(s, "SELECT account FROM account_features WHERE engaged_people = 2"), found(s, "engaged:2", true));
  }

  @Test
  void openedFindsThePeopleWhoHumanOpenedACampaignWithThatWordInItsSubject(Starling s, DataDir dir) throws IOException {
    SearchFixture.load(s, dir, c -> true);
    Map<String, String> subjects = new HashMap<>();
    StoreProbe.rows(s.store(), "SELECT code || ' ' || subject FROM campaigns")
        .forEach(r -> subjects.put(r.substring(0, r.indexOf(' ')), r.substring(r.indexOf(' ') + 1)));
    List<String> expected = new ArrayList<>();
    for (String email : StoreProbe.rows(s.store(), "SELECT email FROM subscribers")) {
      for (ClassifiedEvents.Row e : s.classifiedEvents(email)) {
        if (e.type() == EventType.OPEN && e.kind() == OpenKind.HUMAN
            && subjects.get(e.campaign()).toLowerCase(Locale.ROOT).contains("retention")) {
          expected.add(email);
          break;
        }
      }
    }
    assertFalse(expected.isEmpty());
    assertEquals(expected.stream().sorted().toList(), found(s, "opened:retention", false));
  }

  @Test
  void anIncrementalUpdateRewritesOnlyWhatChangedAndEqualsAFullRebuild(Starling s, DataDir dir, Clock clock) throws IOException {
    DatasetSummary gen = SearchFixture.load(s, dir, c -> c <= 9);
    found(s, "stars:[1 TO 5]", false); // builds the index
    SubscriberIndex index = s.searchIndex();
    List<String> notes = new ArrayList<>();
    assertEquals(SubscriberIndex.Update.Kind.CURRENT, index.sync(notes::add).kind());

    // One person moves country: a list imported past the facade (which would sync at once).
    String mover = StoreProbe.rows(s.store(), "SELECT email FROM subscribers WHERE country_code = 'DE' ORDER BY id LIMIT 1").get(0);
    new Importer(s.store(), clock).importFile(Files.writeString(dir.input("moved.csv"), "email,country\n" + mover + ",Reino Unido\n"),
        null, ImportListener.NONE);
    SubscriberIndex.Update moved = index.sync(notes::add);
    assertEquals(new SubscriberIndex.Update(SubscriberIndex.Update.Kind.UPDATED, moved.written(), 0, moved.millis()), moved);
    assertTrue(moved.written() >= 1 && moved.written() <= 2, "the person, and their account if any: " + moved.written());

    // The tenth week, imported and refreshed past the facade too.
    new Importer(s.store(), clock).importFile(SearchFixture.events(gen, dir, "week10.csv", c -> c == 10), null, ImportListener.NONE);
    FeatureReplay.refreshIfStale(s.store(), EngagementSettings.DEFAULTS, clock);
    SubscriberIndex.Update week = index.sync(notes::add);
    assertEquals(SubscriberIndex.Update.Kind.UPDATED, week.kind());
    long docs = index.stats().subscribers() + index.stats().accounts();
    assertTrue(week.written() < docs, "a week rewrites the people it touched, not all " + docs + ": " + week.written());
    assertEquals(List.of(), notes);

    SortedMap<String, Long> incremental = index.fingerprints();
    List<String> engaged = found(s, "state:engaged", false);
    assertEquals(List.of(mover), found(s, "email:\"" + mover + "\" AND country:GB", false));
    assertEquals(SubscriberIndex.Update.Kind.REBUILT, s.reindex().kind());
    assertEquals(incremental, index.fingerprints(), "document for document, the same as a full rebuild");
    assertEquals(engaged, found(s, "state:engaged", false));
  }

  @Test
  void aMissingCorruptOrOlderIndexIsRebuiltWithOneNote(Starling s, DataDir dir) throws IOException {
    SearchFixture.load(s, dir, c -> c <= 3);
    List<String> before = found(s, "country:ES", false);
    Path index = dir.data().resolve(SubscriberIndex.DIR);

    try (Stream<Path> files = Files.list(index)) {
      for (Path f : files.filter(f -> !f.getFileName().toString().equals("write.lock")).toList()) {
        Files.write(f, "not an index".getBytes(StandardCharsets.UTF_8));
      }
    }
    assertEquals(before, searchInNewProcess(dir, "the search index is unreadable ("));

    try (FSDirectory d = FSDirectory.open(index);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
      w.setLiveCommitData(Map.of("schema", "0", "data", "").entrySet());
      w.commit();
    }
    assertEquals(before, searchInNewProcess(dir,
        "the search index was written by another version of Starling (layout 0, this one reads " + IndexSchema.VERSION
            + "): rebuilding it from the store"));

    try (Stream<Path> walk = Files.walk(index)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    assertEquals(before, searchInNewProcess(dir, "the search index is missing: rebuilding it from the store"));
  }

  /** Searches {@code country:ES} through a Starling of its own (as another command would), checking its one note. */
  private static List<String> searchInNewProcess(DataDir dir, String note) {
    List<String> notes = new ArrayList<>();
    try (Starling other = Starling.open(dir.data(), dir.clock(), notes::add)) {
      List<String> found = found(other, "country:ES", false);
      assertEquals(1, notes.size(), notes.toString());
      assertTrue(notes.get(0).startsWith(note), notes.get(0));
      assertTrue(notes.get(0).endsWith(": rebuilding it from the store"), notes.get(0));
      return found;
    }
  }

  @Test
  void forgettingLeavesNoTraceOfTheAddressInTheIndexFilesNorInTheCache(Starling s, DataDir dir) throws IOException {
    SearchFixture.load(s, dir, c -> c <= 3);
    found(s, "stars:0", false); // computes the features and builds the index
    String email = StoreProbe.rows(s.store(), "SELECT s.email FROM subscribers s JOIN subscriber_features f ON f.subscriber_id = s.id"
        + " WHERE f.account IN (SELECT account FROM account_features WHERE people >= 3) ORDER BY s.id LIMIT 1").get(0);
    String account = StoreProbe.rows(s.store(), "SELECT f.account FROM subscribers s JOIN subscriber_features f"
        + " ON f.subscriber_id = s.id WHERE s.email = '" + email + "'").get(0);
    assertEquals(List.of(email), found(s, "email:\"" + email + "\"", false));
    assertEquals(List.of(account), found(s, "email:\"" + email + "\"", true));
    assertTrue(indexedValues(s.searchIndex()).stream().anyMatch(v -> v.contains(email)), "the address was indexed");

    assertTrue(s.forgetInIndex(email));

    assertEquals(List.of(), indexedValues(s.searchIndex()).stream().filter(v -> v.contains(email)).toList());
    byte[] needle = email.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.list(s.searchIndex().path())) {
      for (Path f : files.toList()) {
        assertFalse(contains(Files.readAllBytes(f), needle), f + " holds the address");
      }
    }
    assertEquals(List.of(), found(s, "email:\"" + email + "\"", false));
    assertEquals(List.of(), found(s, "email:\"" + email + "\"", true));
    assertEquals(List.of(account), found(s, "account:\"" + account + "\"", true), "the account stays, without them");
  }

  /** Every term, sorted doc value and stored value of the index (decompressed): where an address could hide. */
  private static Set<String> indexedValues(SubscriberIndex index) throws IOException {
    Set<String> out = new HashSet<>();
    try (FSDirectory d = FSDirectory.open(index.path()); DirectoryReader r = DirectoryReader.open(d)) {
      for (LeafReaderContext leaf : r.leaves()) {
        for (FieldInfo fi : leaf.reader().getFieldInfos()) {
          Terms terms = leaf.reader().terms(fi.name);
          if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
              out.add(t.utf8ToString());
            }
          }
          SortedSetDocValues dv = leaf.reader().getSortedSetDocValues(fi.name);
          if (dv != null) {
            for (long o = 0; o < dv.getValueCount(); o++) {
              out.add(dv.lookupOrd(o).utf8ToString());
            }
          }
        }
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          stored.document(doc).forEach(f -> out.add(String.valueOf(f.stringValue())));
        }
      }
    }
    return out;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
