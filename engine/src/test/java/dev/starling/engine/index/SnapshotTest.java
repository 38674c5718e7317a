package dev.starling.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.ingest.Importer;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fast search path ({@link Snapshot}: match sets, rankings, facet columns) against the simple one on the
 * same commit: Lucene's own sorted search with an exact count, and facets counted from every matching row.
 * Seeded random queries over every field, combined with AND, OR, NOT and groups; the seed is printed.
 */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class SnapshotTest {
  private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

  @Test
  void randomQueriesGiveLucenesOwnHitsTotalsAndFacets(Starling s, DataDir dir, Clock clock) throws IOException {
    System.out.println("SnapshotTest seed: -Dtests.seed=" + SEED);
    SearchFixture.load(s, dir, c -> true);
    s.search(new SearchRequest("stars:0", false, 1, SearchSort.RELEVANCE, false)); // refresh and build
    SubscriberIndex index = s.searchIndex();
    compare(s, index, 0);
    // Again over several segments with deleted documents: sixty people move country, past the facade.
    StringBuilder moved = new StringBuilder("email,country\n");
    StoreProbe.rows(s.store(), "SELECT email FROM subscribers ORDER BY id DESC LIMIT 60").forEach(e -> moved.append(e).append(",DE\n"));
    new Importer(s.store(), clock).importFile(Files.writeString(dir.input("moved.csv"), moved), null, ImportListener.NONE);
    assertEquals(SubscriberIndex.Update.Kind.UPDATED, index.sync(note -> {}).kind());
    compare(s, index, 1);
  }

  private static void compare(Starling s, SubscriberIndex index, int round) throws IOException {
    List<String> words = new ArrayList<>();
    for (String c : StoreProbe.rows(s.store(), "SELECT DISTINCT company FROM subscribers WHERE company IS NOT NULL LIMIT 40")) {
      words.addAll(Arrays.asList(c.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
    }
    words.removeIf(String::isEmpty);
    List<String> emails = StoreProbe.rows(s.store(), "SELECT email FROM subscribers ORDER BY id LIMIT 50");
    SplittableRandom rnd = new SplittableRandom(SEED + round);
    int nonEmpty = 0;
    try (FSDirectory fs = FSDirectory.open(index.path()); DirectoryReader reader = DirectoryReader.open(fs);
        Analyzer analyzer = IndexSchema.analyzer()) {
      Dictionary dictionary = Dictionary.of(reader);
      assertEquals(round == 1, reader.numDeletedDocs() > 0, "deleted documents: " + reader.numDeletedDocs());
      // Broad match sets first: more than half the documents match, so the many-valued facets are counted
      // from the documents that do not (subtracted from the totals), with deleted documents in round 1.
      for (String broad : List.of("stars:[0 TO 5]", "stars:[0 TO 5] AND NOT country:ES", "stars:[0 TO 5] AND NOT stars:5")) {
        for (boolean accounts : new boolean[] {false, true}) {
          SearchRequest request = new SearchRequest(broad, accounts, 5, SearchSort.SCORE, true);
          SearchResult fast = index.search(request);
          assertTrue(accounts || fast.total() * 2 > reader.numDocs(), request + ": " + fast.total()); // the broad path
          assertEquals(rows(simple(reader, analyzer, dictionary, request).facets()), rows(fast.facets()), request.toString());
        }
      }
      for (int i = 0; i < 300; i++) {
        boolean accounts = rnd.nextInt(5) == 0;
        String q = query(rnd, words, emails, accounts, 0);
        SearchRequest request = new SearchRequest(q, accounts, new int[] {1, 5, 20, 5000}[rnd.nextInt(4)],
            SearchSort.values()[rnd.nextInt(3)], rnd.nextInt(3) == 0);
        SearchResult fast;
        try {
          fast = index.search(request);
        } catch (SearchQueryException e) {
          continue; // a random field for the wrong document type: the message is tested elsewhere
        }
        SearchResult simple = simple(reader, analyzer, dictionary, request);
        assertEquals(simple.total(), fast.total(), request + " (seed " + SEED + ")");
        assertEquals(rows(simple.hits()), rows(fast.hits()), request + " (seed " + SEED + ")");
        if (request.facets()) {
          assertEquals(rows(simple.facets()), rows(fast.facets()), request + " facets (seed " + SEED + ")");
        }
        nonEmpty += fast.total() > 0 ? 1 : 0;
      }
    }
    assertTrue(nonEmpty > 100, "most random queries find something: " + nonEmpty);
  }

  /**
   * Relevance order on words, where scores tie by the hundred: the documents grouped by score ({@link
   * ScoreLevels}), and, for a clause that scores too many ways to group, each pass of the two-pass scoring (the
   * threshold's documents found by walking the key order, or by a second pass that skips lower scores), give
   * Lucene's order. The shapes: a word alone, in a field, beside a range, a filter, a boost, an exclusion, a word
   * that is optional beside a range, two words, a fuzzy word and a phrase.
   */
  @Test
  void relevanceOnWordsGivesLucenesOrderWhicheverPassFindsTheTies(Starling s, DataDir dir) throws IOException {
    SearchFixture.load(s, dir, c -> true);
    s.search(new SearchRequest("stars:0", false, 1, SearchSort.RELEVANCE, false));
    List<String> words = new ArrayList<>();
    for (String c : StoreProbe.rows(s.store(), "SELECT DISTINCT company FROM subscribers WHERE company IS NOT NULL LIMIT 40")) {
      words.addAll(Arrays.asList(c.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
    }
    words.removeIf(String::isEmpty);
    int compared = 0;
    try (FSDirectory fs = FSDirectory.open(s.searchIndex().path()); DirectoryReader reader = DirectoryReader.open(fs);
        Analyzer analyzer = IndexSchema.analyzer()) {
      Dictionary dictionary = Dictionary.of(reader);
      for (int[] config : new int[][] {{0, 0}, {1, 0}, {1_000_000, 0}, {1_000, ScoreLevels.MAX_LEVELS}, {0, 1}}) {
        Snapshot snapshot = new Snapshot(reader, config[0], config[1]);
        for (String word : words) {
          for (String q : List.of(word, "company:" + word, word + " OR stars:[4 TO 5]", "company:" + word + " -country:ES",
              "company:" + word + " stars:[1 TO 5]", "company:" + word + " stars:[3 TO 5] country:ES", word + " clicked:pricing",
              "company:" + word + "^3 state:engaged", "(company:" + word + " OR name:" + word + ") -country:ES",
              "company:" + word + " name:" + word + "~", "company:\"" + word + " " + word + "\" stars:[0 TO 2]")) {
            for (int top : new int[] {1, 2, 3, 7, 20}) {
              SearchRequest request = new SearchRequest(q, false, top, SearchSort.RELEVANCE, false);
              snapshot.search(request, analyzer); // the first search in an order is Lucene's own sort
              SearchResult fast = snapshot.search(request, analyzer);
              SearchResult simple = simple(reader, analyzer, dictionary, request);
              assertEquals(rows(simple.hits()), rows(fast.hits()),
                  request + " walking at most " + config[0] + ", grouping at most " + config[1] + " scores");
              compared += fast.total() > top ? 1 : 0;
            }
          }
        }
        assertEquals(config[1] > 0, snapshot.groupedClauses() > 0, "clauses grouped by score: " + snapshot.groupedClauses());
      }
    }
    assertTrue(compared > 100, "queries with more matches than shown: " + compared);
  }

  private static String query(SplittableRandom rnd, List<String> words, List<String> emails, boolean accounts, int depth) {
    if (depth < 2 && rnd.nextInt(3) == 0) {
      String a = query(rnd, words, emails, accounts, depth + 1);
      String b = query(rnd, words, emails, accounts, depth + 1);
      return switch (rnd.nextInt(4)) {
        case 0 -> "(" + a + " AND " + b + ")";
        case 1 -> "(" + a + " OR " + b + ")";
        case 2 -> "(" + a + " AND NOT " + b + ")";
        default -> a + " " + b;
      };
    }
    String word = words.get(rnd.nextInt(words.size()));
    int lo = rnd.nextInt(6);
    return switch (rnd.nextInt(accounts ? 12 : 18)) {
      case 0 -> "company:" + word;
      case 1 -> word;
      case 2 -> "stars:[" + lo + " TO " + (lo + rnd.nextInt(3)) + "]";
      case 3 -> "score:[" + rnd.nextInt(10) + " TO *]";
      case 4 -> "country:" + new String[] {"ES", "Spain", "DE", "GB", "US", "FR", "MX"}[rnd.nextInt(7)];
      case 5 -> "clicked:" + new String[] {"pricing", "demo", "blog", "contact", "retention", "webinar*"}[rnd.nextInt(6)];
      case 6 -> "opened:" + new String[] {"retention", "pricing", "news*", "guía", "\"case study\"", "onboard~"}[rnd.nextInt(6)];
      case 7 -> "last:[2026-0" + (1 + rnd.nextInt(9)) + "-01 TO *]";
      case 8 -> {
        String e = emails.get(rnd.nextInt(emails.size()));
        yield switch (rnd.nextInt(6)) {
          case 0 -> "email:" + e.substring(0, 1) + "*";
          case 1 -> "email:[" + e.substring(0, 1) + " TO " + (char) (e.charAt(0) + 2) + "]";
          case 2 -> "email:{* TO " + e.substring(0, 2) + "}";
          case 3 -> "email:/" + e.substring(0, 1) + ".*/";
          case 4 -> "email:\"" + e + "\"";
          default -> "email:*";
        };
      }
      case 9 -> "domain:gmail.com";
      case 10 -> "-country:ES";
      case 11 -> accounts ? "people:[" + (1 + rnd.nextInt(3)) + " TO *]" : "name:" + word + "~";
      case 12 -> "state:" + new String[] {"engaged", "active", "dormant", "new", "unknown"}[rnd.nextInt(5)];
      case 13 -> "status:" + new String[] {"active", "unsubscribed", "hard_bounced"}[rnd.nextInt(3)];
      case 14 -> "confidence:" + new String[] {"high", "medium", "low"}[rnd.nextInt(3)];
      case 15 -> "tags:" + new String[] {"customer", "trial", "partner", "webinar"}[rnd.nextInt(4)];
      case 16 -> "stars:" + lo + "^2";
      default -> "company:\"" + word + " " + words.get(rnd.nextInt(words.size())) + "\"";
    };
  }

  /** Lucene alone: its sort with an exact count, and facets counted from every matching document's row. */
  private static SearchResult simple(DirectoryReader reader, Analyzer analyzer, Dictionary dictionary, SearchRequest r)
      throws IOException {
    IndexSearcher searcher = new IndexSearcher(reader);
    Query user = new UserQueryParser(analyzer, r.query(), r.accounts(), dictionary).parse();
    Query query = new BooleanQuery.Builder()
        .add(Snapshot.onlyNegative(user) ? Snapshot.withAll(user) : user, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(IndexSchema.TYPE, r.accounts() ? IndexSchema.ACCOUNT : IndexSchema.SUBSCRIBER)),
            BooleanClause.Occur.FILTER)
        .build();
    TopDocs top = searcher.search(query, new TopFieldCollectorManager(SubscriberIndex.sort(r.sort()), r.top(), null,
        Integer.MAX_VALUE));
    List<Object[]> rows = HitRows.read(reader, docs(top), r.accounts());
    var columns = r.accounts() ? SearchResult.ACCOUNT_COLUMNS : SearchResult.SUBSCRIBER_COLUMNS;
    var hits = dev.starling.engine.report.Table.of(r.accounts() ? SearchResult.ACCOUNTS : SearchResult.SUBSCRIBERS, columns, rows);
    dev.starling.engine.report.Table facets = null;
    if (r.facets()) {
      TopDocs all = searcher.search(query, Math.max(1, reader.maxDoc()));
      List<Object[]> every = HitRows.read(reader, docs(all), r.accounts());
      List<Object[]> out = new ArrayList<>();
      for (String dim : IndexSchema.FACETS) {
        Map<String, Long> counts = new TreeMap<>();
        for (Object[] row : every) {
          for (String v : facetValues(dim, row, r.accounts())) {
            counts.merge(v, 1L, Long::sum);
          }
        }
        counts.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(FacetColumns.TOP)
            .forEach(e -> out.add(new Object[] {dim, e.getKey(), e.getValue()}));
      }
      facets = dev.starling.engine.report.Table.of(SearchResult.FACETS, SearchResult.FACET_COLUMNS, out);
    }
    return new SearchResult(hits, top.totalHits.value(), facets);
  }

  private static int[] docs(TopDocs top) {
    return Arrays.stream(top.scoreDocs).mapToInt(sd -> sd.doc).toArray();
  }

  /** A row's values for a facet dimension (an account's domains and countries are space-separated). */
  private static List<String> facetValues(String dim, Object[] row, boolean accounts) {
    Object v = switch (dim) {
      case "domain" -> accounts ? row[7] : row[3];
      case "company" -> accounts ? row[1] : row[2];
      case "country" -> accounts ? row[8] : row[4];
      case "stars" -> row[accounts ? 4 : 5];
      case "state" -> accounts ? null : row[7];
      case "status" -> accounts ? null : row[8];
      default -> throw new IllegalArgumentException(dim);
    };
    if (v == null) {
      return List.of();
    }
    return accounts && (dim.equals("domain") || dim.equals("country")) ? List.of(v.toString().split(" ")) : List.of(v.toString());
  }

  private static List<String> rows(dev.starling.engine.report.Table t) {
    List<String> out = new ArrayList<>();
    t.forEachRow(row -> out.add(Arrays.toString(row)));
    return out;
  }
}
