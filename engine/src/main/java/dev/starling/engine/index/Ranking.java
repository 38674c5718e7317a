package dev.starling.engine.index;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.IntroSorter;

/**
 * One order of one reader's live documents, worked out once: by engagement score or by last human activity
 * (highest first, documents without a value last), or by key alone, each with ties broken by the key, as
 * Lucene's sorts in {@link SubscriberIndex} order them. Taking the first {@code k} of a match set is then a
 * walk down the order testing bits (a broad match finds its first twenty within a few hundred places), or,
 * for a narrow match, a sort of its few documents by their place.
 */
final class Ranking {
  /** The orders there are: {@link SearchSort#SCORE}, {@link SearchSort#RECENT}, and by key (uniform relevance). */
  enum By { SCORE, RECENT, KEY }

  private final int[] order;
  private final int[] place;

  private Ranking(int[] order, int[] place) {
    this.order = order;
    this.place = place;
  }

  static Ranking of(IndexReader reader, By by) throws IOException {
    int max = reader.maxDoc();
    int[] key = new int[max];
    SortedSetDocValues keys = MultiDocValues.getSortedSetValues(reader, IndexSchema.KEY);
    if (keys != null) {
      for (int doc = keys.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = keys.nextDoc()) {
        key[doc] = (int) keys.nextOrd();
      }
    }
    long[] value = new long[by == By.KEY ? 0 : max];
    if (by != By.KEY) {
      Arrays.fill(value, Long.MIN_VALUE); // no value: after every value, highest first
      SortedNumericDocValues v = MultiDocValues.getSortedNumericValues(reader, by == By.SCORE ? "score" : "last");
      if (v != null) {
        for (int doc = v.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = v.nextDoc()) {
          // A score is kept as a sortable long (NumericUtils): as longs they order as the doubles do.
          value[doc] = v.nextValue();
        }
      }
    }
    int live = 0;
    int[] order = new int[max];
    for (LeafReaderContext leaf : reader.leaves()) {
      Bits alive = leaf.reader().getLiveDocs();
      for (int d = 0; d < leaf.reader().maxDoc(); d++) {
        if (alive == null || alive.get(d)) {
          order[live++] = leaf.docBase + d;
        }
      }
    }
    int[] docs = Arrays.copyOf(order, live);
    new IntroSorter() {
      private int pivot;

      @Override
      protected void setPivot(int i) {
        pivot = docs[i];
      }

      @Override
      protected int comparePivot(int j) {
        return compareDocs(pivot, docs[j]);
      }

      @Override
      protected int compare(int i, int j) {
        return compareDocs(docs[i], docs[j]);
      }

      private int compareDocs(int a, int b) {
        if (value.length > 0 && value[a] != value[b]) {
          return Long.compare(value[b], value[a]);
        }
        return Integer.compare(key[a], key[b]);
      }

      @Override
      protected void swap(int i, int j) {
        int t = docs[i];
        docs[i] = docs[j];
        docs[j] = t;
      }
    }.sort(0, live);
    int[] place = new int[max];
    for (int i = 0; i < live; i++) {
      place[docs[i]] = i;
    }
    return new Ranking(docs, place);
  }

  /** The place of {@code doc} in this order (0 first); meaningless for a deleted document. */
  int place(int doc) {
    return place[doc];
  }

  /** A walk down this order through the documents of {@code matches}, a batch at a time. */
  Walk walk(FixedBitSet matches) {
    return new Walk(matches);
  }

  /** Where a walk through a match set has got to. */
  final class Walk {
    private final FixedBitSet matches;
    private int at;

    private Walk(FixedBitSet matches) {
      this.matches = matches;
    }

    /** The next (up to) {@code n} documents of the match set in this order; fewer only at the end. */
    int[] next(int n) {
      int[] out = new int[n];
      int found = 0;
      for (; at < order.length && found < n; at++) {
        if (order[at] < matches.length() && matches.get(order[at])) {
          out[found++] = order[at];
        }
      }
      return found == n ? out : Arrays.copyOf(out, found);
    }
  }

  /** The first {@code k} documents of {@code matches} ({@code count} of them) in this order. */
  int[] top(FixedBitSet matches, long count, int k) {
    int want = (int) Math.min(k, count);
    int[] out = new int[want];
    if (want == 0) {
      return out;
    }
    long n = order.length;
    // A walk tests about k*n/count places; gathering the matches costs a pass over the words and their sort.
    if ((long) want * n / count <= n / 16 + count) {
      int found = 0;
      for (int i = 0; i < order.length && found < want; i++) {
        if (matches.get(order[i])) {
          out[found++] = order[i];
        }
      }
      return out;
    }
    int[] places = new int[(int) count];
    int m = 0;
    for (int doc = matches.nextSetBit(0); doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = doc + 1 < matches.length() ? matches.nextSetBit(doc + 1) : DocIdSetIterator.NO_MORE_DOCS) {
      places[m++] = place[doc];
    }
    Arrays.sort(places, 0, m);
    for (int i = 0; i < want; i++) {
      out[i] = order[places[i]];
    }
    return out;
  }
}
