package dev.starling.engine.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocAndFloatFeatureBuffer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The documents of one reader that a scoring clause matches, grouped by the score Lucene gives each: what
 * relevance order reads instead of scoring every match. BM25 over short fields depends on little more than the
 * field's length, so a company word scores two or three ways ("Wayne Labs" or "Wayne Labs 7"), and a query
 * whose score varies only through one such clause ({@code company:wayne stars:[1 TO 5]}, {@code acme
 * clicked:demo}) puts its matches in a handful of groups: its first hits are the first places in key order of
 * the best group's matches. Scoring them instead cost 9 to 14 ms at a million people (40,000 matches, every
 * one scored because ties are broken by key and Lucene cannot skip a tie).
 *
 * <p>{@link #varying} finds that clause; {@link #of} groups its documents, once per reader and clause (a pass
 * over its matches, scored as Lucene scores them inside the query), kept least recently used first within
 * {@link #BUDGET_BYTES} and dropped with the reader. A clause that scores more than {@link #MAX_LEVELS} ways
 * (a fuzzy word, a name of many lengths) is not grouped and is scored as before.
 *
 * <p>Not thread-safe; {@link Snapshot} serialises its use.
 */
final class ScoreLevels {
  /** Groups beyond which a clause is scored instead: each group costs a scan of its documents per search. */
  static final int MAX_LEVELS = 64;

  /** Bytes of kept groups (4 per document): 16 MB holds every company word's at a million people many times over. */
  static final long BUDGET_BYTES = 16L << 20;

  /**
   * The clause whose score decides a query's, with the boost its enclosing queries pass down to it (Lucene
   * scales a word's score inside its weight, so the groups are worked out with the same boost).
   */
  record Varying(Query query, float boost) {}

  /**
   * Documents that {@link Varying} scores the same, and that score: as a bit set when they are more than one
   * document in {@link #DENSE} (the set is then smaller than their list), else as their ids, ascending.
   */
  static final class Level {
    private final float score;
    private final FixedBitSet bits;
    private final int[] docs;

    private Level(float score, FixedBitSet bits, int size) {
      this.score = score;
      if ((long) size * DENSE > bits.length()) {
        this.bits = bits;
        this.docs = null;
      } else {
        this.bits = null;
        this.docs = new int[size];
        int i = 0;
        for (int d = bits.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS;
            d = d + 1 < bits.length() ? bits.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
          docs[i++] = d;
        }
      }
    }

    float score() {
      return score;
    }

    /** The first of these documents in {@code matches}, or -1. */
    int first(FixedBitSet matches) {
      if (bits == null) {
        for (int d : docs) {
          if (matches.get(d)) {
            return d;
          }
        }
        return -1;
      }
      long[] a = bits.getBits();
      long[] b = matches.getBits();
      for (int i = 0; i < a.length; i++) {
        long both = a[i] & b[i];
        if (both != 0) {
          return i * 64 + Long.numberOfTrailingZeros(both);
        }
      }
      return -1;
    }

    /** Adds to {@code into} these documents that are in {@code matches}; returns how many there were. */
    int addTo(FixedBitSet into, FixedBitSet matches) {
      int added = 0;
      if (bits == null) {
        for (int d : docs) {
          if (matches.get(d)) {
            into.set(d);
            added++;
          }
        }
        return added;
      }
      long[] a = bits.getBits();
      long[] b = matches.getBits();
      long[] out = into.getBits();
      for (int i = 0; i < a.length; i++) {
        long both = a[i] & b[i];
        out[i] |= both;
        added += Long.bitCount(both);
      }
      return added;
    }

    long bytes() {
      return 32 + (bits != null ? bits.ramBytesUsed() : 4L * docs.length);
    }
  }

  /** A level of more than one document in this many is kept as a bit set. */
  private static final int DENSE = 32;

  private static final List<Level> UNGROUPED = List.of();

  private final IndexSearcher searcher;
  private final int maxLevels;
  private final Map<Varying, List<Level>> kept = new LinkedHashMap<>(16, 0.75f, true);
  /** Terms looked up for {@link #matchesNothing}: whether the reader has none of them (a few hundred at most). */
  private final Map<Term, Boolean> noDocs = new HashMap<>();
  private long keptBytes;

  ScoreLevels(IndexSearcher searcher, int maxLevels) {
    this.searcher = searcher;
    this.maxLevels = maxLevels;
  }

  /**
   * The one clause of {@code q} through which the scores of the documents {@code q} matches differ, or null
   * when none does. Every document a conjunction matches matches each required clause, and a clause that
   * scores the same for every document ({@link Snapshot#uniformScore}) adds the same amount to each: so a
   * conjunction with one other required clause varies through that one. An optional clause that matches no
   * document of this reader adds nothing to anyone: a bare word's query over seven fields, of which only
   * {@code company} holds the word, varies through {@code company:word} (and shares its groups with the
   * queries on that field). Any other query (a word, a phrase, a disjunction, a conjunction of several words,
   * optional clauses beside required ones) varies as a whole: its own score is the same function of the
   * document inside the query as alone (Lucene adds a clause's scores in double precision, where a sum of a
   * few floats is exact whatever the order).
   */
  Varying varying(Query q) throws IOException {
    return varying(q, 1f);
  }

  private Varying varying(Query q, float boost) throws IOException {
    if (Snapshot.uniformScore(q)) {
      return null;
    }
    if (q instanceof BoostQuery b) {
      return varying(b.getQuery(), boost * b.getBoost());
    }
    if (q instanceof BooleanQuery b && b.getMinimumNumberShouldMatch() == 0) {
      List<Query> scoring = new ArrayList<>();
      List<Query> optional = new ArrayList<>();
      boolean required = false;
      for (BooleanClause c : b.clauses()) {
        switch (c.occur()) {
          case MUST -> {
            required = true;
            if (!Snapshot.uniformScore(c.query())) {
              scoring.add(c.query());
            }
          }
          case FILTER -> required = true;
          case SHOULD -> {
            if (!matchesNothing(c.query())) {
              optional.add(c.query());
            }
          }
          case MUST_NOT -> { }
        }
      }
      if (required && optional.isEmpty() && scoring.size() == 1) {
        return varying(scoring.get(0), boost);
      }
      if (!required && optional.size() == 1) {
        return varying(optional.get(0), boost);
      }
    }
    return new Varying(q, boost);
  }

  /** Whether {@code q} surely matches no document of this reader (false when that is not cheap to tell). */
  private boolean matchesNothing(Query q) throws IOException {
    return switch (q) {
      case MatchNoDocsQuery n -> true;
      case TermQuery t -> {
        Boolean none = noDocs.get(t.getTerm());
        if (none == null) {
          none = searcher.getIndexReader().docFreq(t.getTerm()) == 0;
          noDocs.put(t.getTerm(), none);
        }
        yield none;
      }
      case ConstantScoreQuery c -> matchesNothing(c.getQuery());
      case BoostQuery b -> matchesNothing(b.getQuery());
      case BooleanQuery b -> {
        boolean none = b.getMinimumNumberShouldMatch() == 0;
        for (BooleanClause c : b.clauses()) {
          if (c.occur() != BooleanClause.Occur.SHOULD || !matchesNothing(c.query())) {
            none = false;
          }
        }
        yield none;
      }
      default -> false;
    };
  }

  /** How many clauses are kept grouped (tests check the grouping was used). */
  int grouped() {
    return (int) kept.values().stream().filter(l -> l != UNGROUPED).count();
  }

  /**
   * The groups of {@code v}'s documents, highest score first, or null when it scores in more than the
   * allowed number of ways. Live documents only; callers intersect with a match set.
   */
  List<Level> of(Varying v) throws IOException {
    if (maxLevels == 0) {
      return null;
    }
    List<Level> levels = kept.get(v);
    if (levels == null) {
      levels = group(v);
      kept.put(v, levels);
      keptBytes += bytes(levels);
      var eldest = kept.entrySet().iterator();
      while (keptBytes > BUDGET_BYTES && kept.size() > 1) {
        keptBytes -= bytes(eldest.next().getValue());
        eldest.remove();
      }
    }
    return levels == UNGROUPED ? null : levels;
  }

  private static long bytes(List<Level> levels) {
    long n = 64;
    for (Level l : levels) {
      n += l.bytes();
    }
    return n;
  }

  /** One pass over the clause's documents, scored as inside a query (same weight, same boost). */
  private List<Level> group(Varying v) throws IOException {
    Weight w = searcher.createWeight(searcher.rewrite(v.query()), ScoreMode.COMPLETE, v.boost());
    int maxDoc = Math.max(1, searcher.getIndexReader().maxDoc());
    float[] scores = new float[maxLevels];
    FixedBitSet[] sets = new FixedBitSet[maxLevels];
    int[] sizes = new int[maxLevels];
    int levels = 0;
    int last = 0;
    DocAndFloatFeatureBuffer batch = new DocAndFloatFeatureBuffer();
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer s = w.scorer(leaf);
      if (s == null) {
        continue;
      }
      s.iterator().nextDoc();
      Bits live = leaf.reader().getLiveDocs();
      // In batches: a word's scorer decodes and scores a block of postings at a time (the same arithmetic as
      // one by one), twice as fast over the tens of thousands of documents of a company word.
      for (s.nextDocsAndScores(DocIdSetIterator.NO_MORE_DOCS, live, batch); batch.size > 0;
          s.nextDocsAndScores(DocIdSetIterator.NO_MORE_DOCS, live, batch)) {
        for (int i = 0; i < batch.size; i++) {
          float score = batch.features[i];
          if (levels == 0 || scores[last] != score) { // runs of one score are the rule: try the last one first
            last = 0;
            while (last < levels && scores[last] != score) {
              last++;
            }
            if (last == levels) {
              if (levels == maxLevels) {
                return UNGROUPED;
              }
              scores[levels] = score;
              sets[levels] = new FixedBitSet(maxDoc);
              levels++;
            }
          }
          sets[last].set(leaf.docBase + batch.docs[i]);
          sizes[last]++;
        }
      }
    }
    List<Level> out = new ArrayList<>(levels);
    for (int i = 0; i < levels; i++) {
      out.add(new Level(scores[i], sets[i], sizes[i]));
    }
    out.sort((a, b) -> Float.compare(b.score, a.score));
    return out;
  }
}
