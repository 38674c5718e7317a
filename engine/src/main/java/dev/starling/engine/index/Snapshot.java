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

  Snapshot(IndexReader reader) {
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    searcher.setQueryCache(null); // the match sets are the cache, in the form the counts need
  }

  IndexReader reader() {
    return reader;
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
      facetTable = facets.table(matches);
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
   * the tie-break read from an array instead of comparing keys in the doc values (each a block to decompress
   * when segments differ). Only the documents of {@code matches} are scored, each reached by advancing the
   * query's scorer to it: Lucene's own loop would lead with the rarest clause (a company word: tens of thousands
   * of postings at a million people) and test every one of them against the other clauses, where the match set
   * already knows the few thousand that pass. Once {@code top} are held, the scorer may skip documents that
   * cannot score as high.
   */
  private int[] scored(Query query, FixedBitSet matches, Ranking byKey, int top) throws IOException {
    record Hit(float score, int place, int doc) {}
    java.util.PriorityQueue<Hit> worstFirst = new java.util.PriorityQueue<>(
        (a, b) -> a.score != b.score ? Float.compare(a.score, b.score) : Integer.compare(b.place, a.place));
    org.apache.lucene.search.Weight weight =
        searcher.createWeight(searcher.rewrite(query), org.apache.lucene.search.ScoreMode.TOP_SCORES, 1f);
    int end = matches.length();
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      int base = leaf.docBase;
      int limit = Math.min(end, base + leaf.reader().maxDoc());
      if (base >= limit) {
        continue;
      }
      int first = matches.nextSetBit(base, limit);
      if (first == DocIdSetIterator.NO_MORE_DOCS) {
        continue;
      }
      org.apache.lucene.search.Scorer scorer = weight.scorer(leaf);
      if (scorer == null) {
        continue; // cannot happen for a leaf with matches; nothing to score if it does
      }
      DocIdSetIterator it = scorer.iterator();
      if (worstFirst.size() == top) {
        scorer.setMinCompetitiveScore(worstFirst.peek().score);
      }
      for (int doc = first; doc != DocIdSetIterator.NO_MORE_DOCS; ) {
        int at = it.docID() < doc - base ? it.advance(doc - base) : it.docID();
        if (at == DocIdSetIterator.NO_MORE_DOCS) {
          break;
        }
        if (at + base != doc) {
          // Skipped as unable to compete (or, with a match set that disagrees with Lucene, not a match).
          doc = at + base < limit ? matches.nextSetBit(at + base, limit) : DocIdSetIterator.NO_MORE_DOCS;
          continue;
        }
        float score = scorer.score();
        int place = byKey.place(doc);
        boolean keep = true;
        if (worstFirst.size() == top) {
          Hit worst = worstFirst.peek();
          if (score < worst.score || (score == worst.score && place > worst.place)) {
            keep = false;
          } else {
            worstFirst.poll();
          }
        }
        if (keep) {
          worstFirst.add(new Hit(score, place, doc));
          if (worstFirst.size() == top) {
            scorer.setMinCompetitiveScore(worstFirst.peek().score); // an equal score may still win on its key
          }
        }
        doc = doc + 1 < limit ? matches.nextSetBit(doc + 1, limit) : DocIdSetIterator.NO_MORE_DOCS;
      }
    }
    int[] docs = new int[worstFirst.size()];
    for (int i = docs.length - 1; i >= 0; i--) {
      docs[i] = worstFirst.poll().doc;
    }
    return docs;
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
