package dev.starling.engine.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.util.FixedBitSet;

/**
 * Which live documents of one reader a query matches, as a bit set: what a search's total, facet counts and
 * ordered hits are all taken from. A {@link BooleanQuery} is taken apart and its clauses' sets combined a
 * word (64 documents) at a time, with Lucene's rules: every required clause, else at least one optional one,
 * and none of the prohibited ones; a clause list with nothing positive matches nothing. Every other query (a
 * term, a range, a phrase, a wildcard) is run by Lucene once and its set kept, least recently used dropped
 * first within {@link #BUDGET_BYTES}: the filters people repeat ({@code country:ES}, {@code stars:[4 TO 5]})
 * then cost microseconds of bit operations instead of a pass over their postings.
 *
 * <p>The sets handed out may be shared with the cache: callers read them and never change them.
 * Not thread-safe; {@link Snapshot} serialises its use.
 */
final class MatchSets {
  /** Bytes of kept sets: 48 MB is some 340 sets of a million documents, a few thousand of a hundred thousand. */
  static final long BUDGET_BYTES = 48L << 20;

  private final IndexSearcher searcher;
  private final FixedBitSet live;
  private final FixedBitSet none;
  /**
   * A kept answer: a bit set, or for a narrow one (under one document in {@link #SPARSE}) just its documents,
   * turned back into a set when used. A thousand different {@code email:p123@*} lookups would otherwise fill the
   * budget with 140 KB sets of one bit each and push out the broad filters that are worth keeping.
   */
  private record Kept(FixedBitSet bits, int[] docs) {
    long bytes() {
      return bits != null ? bits.ramBytesUsed() : 16L + 4L * docs.length;
    }
  }

  private static final int SPARSE = 256;
  private final java.util.ArrayDeque<FixedBitSet> free = new java.util.ArrayDeque<>();
  private final List<FixedBitSet> taken = new ArrayList<>();
  private final Map<Query, Kept> kept = new LinkedHashMap<>(64, 0.75f, true);
  private long keptBytes;

  MatchSets(IndexSearcher searcher) throws IOException {
    this.searcher = searcher;
    this.none = new FixedBitSet(Math.max(1, searcher.getIndexReader().maxDoc()));
    FixedBitSet all = new FixedBitSet(none.length());
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Bits alive = leaf.reader().getLiveDocs();
      for (int d = 0; d < leaf.reader().maxDoc(); d++) {
        if (alive == null || alive.get(d)) {
          all.set(leaf.docBase + d);
        }
      }
    }
    this.live = all;
  }

  /** The documents {@code q} matches (do not modify the set). */
  FixedBitSet of(Query q) throws IOException {
    return switch (q) {
      case BooleanQuery b -> b.getMinimumNumberShouldMatch() != 0 ? leaf(b) : bool(b);
      case ConstantScoreQuery c -> of(c.getQuery());
      case BoostQuery b -> of(b.getQuery());
      case MatchAllDocsQuery a -> live;
      case MatchNoDocsQuery n -> none;
      default -> leaf(q);
    };
  }

  private FixedBitSet bool(BooleanQuery b) throws IOException {
    List<Query> required = new ArrayList<>();
    List<Query> optional = new ArrayList<>();
    List<Query> prohibited = new ArrayList<>();
    for (BooleanClause c : b.clauses()) {
      switch (c.occur()) {
        case MUST, FILTER -> required.add(c.query());
        case SHOULD -> optional.add(c.query());
        case MUST_NOT -> prohibited.add(c.query());
      }
    }
    // Optional clauses only score when something is required; alone, one of them must match.
    List<Query> positive = required.isEmpty() ? optional : required;
    if (positive.isEmpty()) {
      return none;
    }
    if (positive.size() == 1 && prohibited.isEmpty()) {
      return of(positive.get(0));
    }
    FixedBitSet out = scratch(of(positive.get(0)));
    for (Query p : positive.subList(1, positive.size())) {
      if (required.isEmpty()) {
        out.or(of(p));
      } else {
        out.and(of(p));
      }
    }
    for (Query p : prohibited) {
      out.andNot(of(p));
    }
    return out;
  }

  /**
   * A copy of {@code from} in a set this search may change: taken from the sets the last search used, so a
   * search allocates none. Garbage of a few hundred kilobytes per search meant a young collection every few
   * hundred searches, and its pause landed on one of them (the p99).
   */
  private FixedBitSet scratch(FixedBitSet from) {
    FixedBitSet s = free.isEmpty() ? new FixedBitSet(none.length()) : free.pop();
    System.arraycopy(from.getBits(), 0, s.getBits(), 0, from.getBits().length);
    taken.add(s);
    return s;
  }

  /** An empty set this search may fill (from the same pool as {@link #scratch}). */
  FixedBitSet empty() {
    FixedBitSet s = free.isEmpty() ? new FixedBitSet(none.length()) : free.pop();
    s.clear();
    taken.add(s);
    return s;
  }

  /** The search is over: every set it was handed (other than the kept ones) may be reused. */
  void done() {
    free.addAll(taken);
    taken.clear();
  }

  private FixedBitSet leaf(Query q) throws IOException {
    Kept k = kept.get(q);
    if (k != null) {
      return k.bits != null ? k.bits : set(k.docs);
    }
    // (A narrow set rebuilt from its documents goes to the scratch sets too: see set.)
    FixedBitSet bits = run(q);
    int count = bits.cardinality();
    if ((long) count * SPARSE < bits.length()) {
      int[] docs = new int[count];
      int i = 0;
      for (int d = count == 0 ? DocIdSetIterator.NO_MORE_DOCS : bits.nextSetBit(0); d != DocIdSetIterator.NO_MORE_DOCS;
          d = d + 1 < bits.length() ? bits.nextSetBit(d + 1) : DocIdSetIterator.NO_MORE_DOCS) {
        docs[i++] = d;
      }
      k = new Kept(null, docs);
    } else {
      k = new Kept(bits, null);
    }
    kept.put(q, k);
    keptBytes += k.bytes();
    var eldest = kept.entrySet().iterator();
    while (keptBytes > BUDGET_BYTES && kept.size() > 1) {
      keptBytes -= eldest.next().getValue().bytes();
      eldest.remove();
    }
    return bits;
  }

  private FixedBitSet set(int[] docs) {
    FixedBitSet bits = free.isEmpty() ? new FixedBitSet(none.length()) : free.pop();
    bits.clear();
    for (int d : docs) {
      bits.set(d);
    }
    taken.add(bits);
    return bits;
  }

  /** Lucene's own answer for {@code q} (deleted documents left out), as a set, read segment by segment in bulk. */
  private FixedBitSet run(Query q) throws IOException {
    FixedBitSet bits = new FixedBitSet(Math.max(1, searcher.getIndexReader().maxDoc()));
    Weight w = searcher.createWeight(searcher.rewrite(q), ScoreMode.COMPLETE_NO_SCORES, 1f);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Scorer s = w.scorer(leaf);
      if (s == null) {
        continue;
      }
      if (leaf.docBase == 0) {
        bits.or(s.iterator());
      } else {
        FixedBitSet part = new FixedBitSet(leaf.reader().maxDoc());
        part.or(s.iterator());
        FixedBitSet.orRange(part, 0, bits, leaf.docBase, part.length());
      }
    }
    if (live != null) {
      bits.and(live); // scorers do not skip deleted documents; the searcher's collectors do
    }
    return bits;
  }
}
