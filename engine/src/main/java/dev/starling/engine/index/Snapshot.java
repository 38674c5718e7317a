package dev.starling.engine.index;

import dev.starling.engine.report.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.index.LeafReaderContext;
import java.util.Arrays;
import java.util.HashMap;
import java.util.PriorityQueue;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.NumericDocValuesRangeQuery;
import org.apache.lucene.search.PointInSetQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.util.FixedBitSet;

/**
 * One committed state of the index as searches read it, with what they need worked out once and kept while
 * the state lasts: the {@link Dictionary} of subjects and URLs, the {@link MatchSets} of the filters asked
 * for, each {@link Ranking} used and the {@link FacetColumns}. A search is then a few bit operations (the
 * match set and its count), a short walk down a ranking, and twenty rows of doc values; Lucene scores only
 * the queries whose relevance order depends on the words (a term of a name or company), and then only to
 * pick the first hits. The figures equal Lucene's own: the tests compare the two on every field and
 * on random queries.
 *
 * <p>Made per reader by {@link SubscriberIndex}; its methods are serialised (the caches inside are not
 * thread-safe), which costs nothing for a CLI that runs one search at a time.
 */
final class Snapshot {
  private final IndexReader reader;
  private final IndexSearcher searcher;
  private Dictionary dictionary;
  private MatchSets matchSets;
  private final Map<Ranking.By, Ranking> rankings = new EnumMap<>(Ranking.By.class);
  /** The orders searched in once: the second search in one works the order out. */
  private final java.util.Set<Ranking.By> asked = java.util.EnumSet.noneOf(Ranking.By.class);
  private FacetColumns facets;
  private final int walkBudget;
  private final ScoreLevels scoreLevels;

  Snapshot(IndexReader reader) {
    this(reader, WALK_BUDGET, ScoreLevels.MAX_LEVELS);
  }

  /**
   * A snapshot whose relevance searches group a clause's documents by score when it scores at most {@code
   * maxLevels} ways, and otherwise walk at most {@code walkBudget} candidates (tests force each path).
   */
  Snapshot(IndexReader reader, int walkBudget, int maxLevels) {
    this.walkBudget = walkBudget;
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null); // the match sets are the cache, in the form the counts need
    this.scoreLevels = new ScoreLevels(searcher, maxLevels);
  }

  IndexReader reader() {
    return reader;
  }

  /** How many scoring clauses this snapshot keeps grouped by score ({@link ScoreLevels}). */
  synchronized int groupedClauses() {
    return scoreLevels.grouped();
  }

  synchronized Dictionary dictionary() throws IOException {
    if (dictionary == null) {
      dictionary = Dictionary.of(reader);
    }
    return dictionary;
  }

  synchronized SearchResult search(SearchRequest request, Analyzer analyzer) throws IOException {
    Query user = new UserQueryParser(analyzer, request.query(), request.accounts(), dictionary()).parse();
    Query positive = onlyNegative(user) ? withAll(user) : user;
    Query query = new BooleanQuery.Builder()
        .add(positive, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(IndexSchema.TYPE, request.accounts() ? IndexSchema.ACCOUNT : IndexSchema.SUBSCRIBER)),
            BooleanClause.Occur.FILTER)
        .build();
    if (matchSets == null) {
      matchSets = new MatchSets(searcher);
    }
    try {
      return search(request, query, positive, matchSets.of(query));
    } finally {
      matchSets.done();
    }
  }

  private SearchResult search(SearchRequest request, Query query, Query positive, FixedBitSet matches) throws IOException {
    long total = matches.cardinality();
    int[] docs;
    boolean scoring = request.sort() == SearchSort.RELEVANCE && !uniformScore(positive);
    Ranking.By by = switch (request.sort()) {
      case SCORE -> Ranking.By.SCORE;
      case RECENT -> Ranking.By.RECENT;
      case RELEVANCE -> Ranking.By.KEY; // the tie-break; alone when every match scores the same
    };
    Ranking ranking = rankings.get(by);
    if (ranking == null && !asked.add(by)) {
      ranking = Ranking.of(reader, by);
      rankings.put(by, ranking);
    }
    if (ranking == null) {
      // The first search in an order has Lucene sort: a one-query command need not pay for the whole order.
      docs = sorted(query, request.sort(), request.top());
    } else if (scoring) {
      docs = scored(query, matches, ranking, request.top());
    } else {
      docs = ranking.top(matches, total, request.top());
    }
    List<Object[]> rows = HitRows.read(reader, docs, request.accounts());
    Table hits = request.accounts() ? Table.of(SearchResult.ACCOUNTS, SearchResult.ACCOUNT_COLUMNS, rows)
        : Table.of(SearchResult.SUBSCRIBERS, SearchResult.SUBSCRIBER_COLUMNS, rows);
    Table facetTable = null;
    if (request.facets()) {
      if (facets == null) {
        facets = FacetColumns.of(reader);
      }
      facetTable = facets.table(matches, total);
    }
    return new SearchResult(hits, total, facetTable);
  }

  /** The first {@code top} in Lucene's {@code order}, ties by key; Lucene stops counting once it has them. */
  private int[] sorted(Query query, SearchSort order, int top) throws IOException {
    Sort sort = SubscriberIndex.sort(order);
    TopDocs td = searcher.search(query, new TopFieldCollectorManager(sort, top, null, top));
    int[] docs = new int[td.scoreDocs.length];
    int i = 0;
    for (ScoreDoc sd : td.scoreDocs) {
      docs[i++] = sd.doc;
    }
    return docs;
  }

  /**
   * The first {@code top} by Lucene's score, ties by their place in {@code byKey}: Lucene's relevance sort, with
   * the tie-break read from an array instead of comparing keys in the doc values. A word's score takes few values
   * (a company of two words or of three), so ties are the rule and Lucene cannot skip an equal score that may win
   * on its key: scoring every match of {@code company:wayne stars:[1 TO 5]} (40,000 at a million people) took
   * 13 ms. When the score varies through one clause that scores in few ways, its documents grouped by score
   * give the order without scoring the matches ({@link #byLevels}). Otherwise (the two passes skip little: they
   * are kept for a clause that scores in many ways, such as a fuzzy word) it is done in two passes, each of which
   * lets Lucene skip blocks of documents that cannot compete:
   * <ol>
   *   <li>the {@code top} highest scores, ignoring ties (a score equal to the lowest kept one is skipped): their
   *       lowest, the threshold, and the documents scoring above it, all of which are in the result;</li>
   *   <li>the rest, documents scoring exactly the threshold with the first places: looked for in place order, a
   *       batch of matches at a time, when they are common (the threshold is the usual score); when a few
   *       batches do not find them (the threshold is a rare, high score), by one more pass over the matches that
   *       skips every block scoring below the threshold.</li>
   * </ol>
   * Only documents of {@code matches} are scored, each reached by advancing the query's scorer to it.
   */
  private int[] scored(Query query, FixedBitSet matches, Ranking byKey, int top) throws IOException {
    ScoreLevels.Varying varying = scoreLevels.varying(query);
    List<ScoreLevels.Level> levels = varying == null ? null : scoreLevels.of(varying);
    if (levels != null) {
      return byLevels(query, levels, matches, byKey, top);
    }
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.TOP_SCORES, 1f);
    // Pass 1: the highest scores. A document that only ties the lowest kept score cannot raise the threshold.
    PriorityQueue<Hit> best = new PriorityQueue<>((a, b) -> Float.compare(a.score, b.score));
    bulkScored(query, () -> best.size() == top ? Math.nextUp(best.peek().score) : 0f, (score, doc) -> {
      if (best.size() == top) {
        if (score <= best.peek().score) {
          return;
        }
        best.poll();
      }
      best.add(new Hit(score, byKey.place(doc), doc));
    });
    if (best.size() < top) {
      return inOrder(new ArrayList<>(best)); // nothing was skipped: every match is here
    }
    float threshold = best.peek().score;
    List<Hit> chosen = new ArrayList<>();
    java.util.Set<Integer> above = new java.util.HashSet<>();
    for (Hit h : best) {
      if (h.score > threshold) {
        chosen.add(h);
        above.add(h.doc);
      }
    }
    int need = top - chosen.size();
    // Pass 2a: the threshold's documents in place order, scored a batch at a time.
    Ranking.Walk walk = byKey.walk(matches);
    List<Hit> atThreshold = new ArrayList<>();
    int tried = 0;
    for (int batch = Math.max(64, 4 * need); atThreshold.size() < need && tried < walkBudget; batch *= 2) {
      int[] candidates = walk.next(batch);
      if (candidates.length == 0) {
        break; // every match walked
      }
      tried += candidates.length;
      int[] byDoc = candidates.clone();
      Arrays.sort(byDoc);
      Map<Integer, Float> scores = new HashMap<>();
      forEachScored(weight, inArray(byDoc), () -> 0f, (score, doc) -> scores.put(doc, score));
      for (int doc : candidates) {
        Float score = scores.get(doc);
        if (score != null && score == threshold && !above.contains(doc) && atThreshold.size() < need) {
          atThreshold.add(new Hit(score, byKey.place(doc), doc));
        }
      }
      if (candidates.length < batch) {
        break;
      }
    }
    if (atThreshold.size() < need && tried >= walkBudget) {
      // Pass 2b: the threshold is rare; every block scoring below it is skipped.
      PriorityQueue<Hit> firstPlaces = new PriorityQueue<>((a, b) -> Integer.compare(b.place, a.place));
      bulkScored(query, () -> threshold, (score, doc) -> {
        if (score != threshold) {
          return;
        }
        int place = byKey.place(doc);
        if (firstPlaces.size() == need) {
          if (place > firstPlaces.peek().place) {
            return;
          }
          firstPlaces.poll();
        }
        firstPlaces.add(new Hit(score, place, doc));
      });
      atThreshold = new ArrayList<>(firstPlaces);
    }
    chosen.addAll(atThreshold);
    return inOrder(chosen);
  }

  /**
   * The first {@code top} by Lucene's score, ties by their place in {@code byKey}, when the query's score varies
   * only through one clause whose documents {@code levels} groups by score (see {@link ScoreLevels}): all the
   * matches in a group score alike, so Lucene scores one of each (the query's other clauses add the same to
   * every match, and groups may meet at one score), and the first hits are the best group's matches in place
   * order, then the next group's if it is short. No match is scored beyond those few.
   */
  private int[] byLevels(Query query, List<ScoreLevels.Level> levels, FixedBitSet matches, Ranking byKey, int top)
      throws IOException {
    int[] first = new int[levels.size()];
    int[] sample = new int[levels.size()];
    int sampled = 0;
    for (int i = 0; i < first.length; i++) {
      first[i] = levels.get(i).first(matches);
      if (first[i] >= 0) {
        sample[sampled++] = first[i];
      }
    }
    int[] byDoc = Arrays.copyOf(sample, sampled);
    Arrays.sort(byDoc);
    Map<Integer, Float> scores = new HashMap<>();
    Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1f);
    forEachScored(weight, inArray(byDoc), () -> 0f, (score, doc) -> scores.put(doc, score));
    java.util.TreeMap<Float, List<ScoreLevels.Level>> groups = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    for (int i = 0; i < first.length; i++) {
      if (first[i] >= 0) {
        Float score = scores.get(first[i]);
        if (score == null) {
          throw new IllegalStateException("Lucene did not score document " + first[i] + " of the match set of " + query);
        }
        groups.computeIfAbsent(score, k -> new ArrayList<>()).add(levels.get(i));
      }
    }
    int[] out = new int[top];
    int found = 0;
    for (List<ScoreLevels.Level> group : groups.values()) {
      FixedBitSet part = matchSets.empty();
      long count = 0;
      for (ScoreLevels.Level level : group) {
        count += level.addTo(part, matches);
      }
      int[] docs = byKey.top(part, count, top - found);
      System.arraycopy(docs, 0, out, found, docs.length);
      found += docs.length;
      if (found == top) {
        break;
      }
    }
    return found == top ? out : Arrays.copyOf(out, found);
  }

  /** Candidates a place-order walk scores before passing the search to a skipping pass: about a millisecond. */
  private static final int WALK_BUDGET = 1_000;

  private record Hit(float score, int place, int doc) {}

  private static int[] inOrder(List<Hit> hits) {
    hits.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score) : Integer.compare(a.place, b.place));
    return hits.stream().mapToInt(Hit::doc).toArray();
  }

  /** Documents to score, by global id: the first one at or after {@code doc} and before {@code limit}. */
  private interface Docs {
    int next(int doc, int limit);

    /** How many there are in {@code [from, limit)}. */
    long count(int from, int limit);
  }

  private static Docs inArray(int[] sorted) {
    return new Docs() {
      @Override
      public int next(int doc, int limit) {
        int i = at(doc);
        return i < sorted.length && sorted[i] < limit ? sorted[i] : DocIdSetIterator.NO_MORE_DOCS;
      }

      @Override
      public long count(int from, int limit) {
        return at(limit) - at(from);
      }

      private int at(int doc) {
        int i = Arrays.binarySearch(sorted, doc);
        return i >= 0 ? i : -i - 1;
      }
    };
  }

  @FunctionalInterface
  private interface ScoreSink {
    void accept(float score, int doc);
  }

  /**
   * Hands {@code sink} the score of each document {@code query} matches, in Lucene's own loop: its bulk scorers
   * skip whole blocks that score below {@code minScore} (never decreasing), where a scorer advanced from outside
   * (a conjunction of a word and a range) does not.
   */
  private void bulkScored(Query query, java.util.function.Supplier<Float> minScore, ScoreSink sink) throws IOException {
    searcher.search(query, new org.apache.lucene.search.SimpleCollector() {
      private int base;
      private org.apache.lucene.search.Scorable scorer;
      private float min;

      @Override
      protected void doSetNextReader(LeafReaderContext context) {
        base = context.docBase;
      }

      @Override
      public void setScorer(org.apache.lucene.search.Scorable scorer) throws IOException {
        this.scorer = scorer;
        min = minScore.get();
        if (min > 0) {
          scorer.setMinCompetitiveScore(min);
        }
      }

      @Override
      public void collect(int doc) throws IOException {
        sink.accept(scorer.score(), base + doc);
        float now = minScore.get();
        if (now > min) {
          min = now;
          scorer.setMinCompetitiveScore(min);
        }
      }

      @Override
      public ScoreMode scoreMode() {
        return ScoreMode.TOP_SCORES;
      }
    });
  }

  /**
   * Hands {@code sink} the score of each of {@code docs} that the query matches, advancing each segment's scorer
   * to them in order; after each, the scorer may skip what scores below {@code minScore} (never decreasing).
   */
  private void forEachScored(Weight weight, Docs docs, java.util.function.Supplier<Float> minScore, ScoreSink sink)
      throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      int base = leaf.docBase;
      int limit = base + leaf.reader().maxDoc();
      int doc = docs.next(base, limit);
      if (doc == DocIdSetIterator.NO_MORE_DOCS) {
        continue;
      }
      ScorerSupplier supplier = weight.scorerSupplier(leaf);
      if (supplier == null) {
        continue;
      }
      // Told how few documents will be asked for, a range clause reads doc values at each one; left to
      // itself (Weight.scorer) it walks the whole segment's points into a set first: milliseconds per segment.
      Scorer scorer = supplier.get(Math.min(supplier.cost(), docs.count(base, limit)));
      DocIdSetIterator it = scorer.iterator();
      float min = minScore.get();
      if (min > 0) {
        scorer.setMinCompetitiveScore(min);
      }
      while (doc != DocIdSetIterator.NO_MORE_DOCS) {
        int at = it.docID() < doc - base ? it.advance(doc - base) : it.docID();
        if (at == DocIdSetIterator.NO_MORE_DOCS) {
          break;
        }
        if (at + base == doc) {
          sink.accept(scorer.score(), doc);
          float now = minScore.get();
          if (now > min) {
            min = now;
            scorer.setMinCompetitiveScore(min);
          }
          doc = docs.next(doc + 1, limit);
        } else {
          doc = docs.next(at + base, limit); // skipped as unable to compete, or not a match
        }
      }
    }
  }

  static boolean onlyNegative(Query q) {
    if (!(q instanceof BooleanQuery b) || b.clauses().isEmpty()) {
      return false;
    }
    return b.clauses().stream().allMatch(c -> c.occur() == BooleanClause.Occur.MUST_NOT);
  }

  static Query withAll(Query negative) {
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    ((BooleanQuery) negative).clauses().forEach(b::add);
    return b.build();
  }

  /**
   * Whether every document {@code q} matches gets the same score from Lucene: true only for shapes known to
   * score constantly (exact keywords, numbers, ranges, wildcards, the subject and URL sets) combined so that
   * no optional clause adds to some documents' scores. Anything else (words, phrases, fuzzy terms) is scored.
   */
  static boolean uniformScore(Query q) {
    return switch (q) {
      case ConstantScoreQuery c -> true;
      case MatchAllDocsQuery a -> true;
      case MatchNoDocsQuery n -> true;
      case TermInSetQuery t -> true;
      case PointRangeQuery p -> true;
      case NumericDocValuesRangeQuery n -> true; // what IntField/LongField/DoubleField.newRangeQuery return
      case PointInSetQuery p -> true;
      case TermRangeQuery t -> true;
      case FuzzyQuery f -> false;
      case AutomatonQuery a -> true; // wildcard and prefix: constant-score rewrite
      case IndexOrDocValuesQuery i -> uniformScore(i.getIndexQuery());
      case BoostQuery b -> uniformScore(b.getQuery());
      case BooleanQuery b -> {
        List<Query> scoring = new ArrayList<>();
        int optional = 0;
        boolean required = false;
        for (BooleanClause c : b.clauses()) {
          switch (c.occur()) {
            case MUST -> {
              required = true;
              scoring.add(c.query());
            }
            case FILTER -> required = true;
            case SHOULD -> {
              optional++;
              scoring.add(c.query());
            }
            case MUST_NOT -> { }
          }
        }
        if (b.getMinimumNumberShouldMatch() != 0 || (optional > 0 && (required || optional > 1))) {
          yield false;
        }
        yield scoring.stream().allMatch(Snapshot::uniformScore);
      }
      default -> false;
    };
  }
}
