package dev.starling.engine.index;

import dev.starling.engine.report.Table;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.FixedBitSet;

/**
 * The facet dimensions of one reader ({@link IndexSchema#FACETS}), read once from the documents' doc values,
 * and their counts over a match set: the ten values with most matches per dimension, ties by value (the
 * order of Lucene's own facet counts). A dimension of few values (country, stars, state, status) keeps one
 * bit set per value and counts by intersecting words; one of many (domain, company) keeps each document's
 * value number and counts the matches one by one, or, when more than half the documents match, counts
 * the documents that do not and subtracts from the totals (kept per reader): a broad query such as
 * {@code stars:[1 TO 5] AND NOT country:ES} then visits the few that fall out, not most of the index.
 */
final class FacetColumns {
  static final int TOP = 10;
  private static final int FEW = 64;
  private static final int NONE = -1;
  private static final int SEVERAL = -2;

  /** One dimension: its values' labels in order, and per document either bit sets or value numbers. */
  private record Dim(String name, String[] labels, FixedBitSet[] perValue, int[] value, Map<Integer, int[]> several) {
    /** The counts per value, in {@code into} when it is long enough (a search reuses its arrays: see table). */
    int[] counts(FixedBitSet matches, int[] into) {
      // Ints, not longs: half the bytes to keep in cache while a dense match set increments them at random.
      int[] counts = into != null && into.length >= labels.length ? into : new int[labels.length];
      Arrays.fill(counts, 0, labels.length, 0);
      if (perValue != null) {
        for (int v = 0; v < labels.length; v++) {
          counts[v] = (int) FixedBitSet.intersectionCount(matches, perValue[v]);
        }
        return counts;
      }
      add(matches, counts, 1);
      return counts;
    }

    /** {@code totals} less the counts of {@code others}: the counts of the documents not in {@code others}. */
    int[] countsBesides(FixedBitSet others, int[] totals, int[] into) {
      int[] counts = into != null && into.length >= labels.length ? into : new int[labels.length];
      System.arraycopy(totals, 0, counts, 0, labels.length);
      add(others, counts, -1);
      return counts;
    }

    private void add(FixedBitSet docs, int[] counts, int by) {
      long[] words = docs.getBits();
      for (int w = 0; w < words.length; w++) {
        long word = words[w];
        while (word != 0) {
          int doc = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          int v = value[doc];
          if (v >= 0) {
            counts[v] += by;
          } else if (v == SEVERAL) {
            for (int each : several.get(doc)) {
              counts[each] += by;
            }
          }
        }
      }
    }
  }

  private final List<Dim> dims;
  /** Each dimension's count array, kept from one search to the next (a megabyte each for a domain per company). */
  private final int[][] scratch;
  /** The reader's live documents, the complement's scratch set, and each many-valued dimension's counts over all. */
  private final FixedBitSet live;
  private final int liveCount;
  private final FixedBitSet others;
  private final int[][] totals;

  private FacetColumns(List<Dim> dims, FixedBitSet live) {
    this.dims = dims;
    this.scratch = new int[dims.size()][];
    this.live = live;
    this.liveCount = live.cardinality();
    this.others = new FixedBitSet(live.length());
    this.totals = new int[dims.size()][];
  }

  static FacetColumns of(IndexReader reader) throws IOException {
    List<Dim> dims = new ArrayList<>();
    int max = reader.maxDoc();
    FixedBitSet live = new FixedBitSet(Math.max(1, max));
    for (LeafReaderContext leaf : reader.leaves()) {
      Bits alive = leaf.reader().getLiveDocs();
      for (int d = 0; d < leaf.reader().maxDoc(); d++) {
        if (alive == null || alive.get(d)) {
          live.set(leaf.docBase + d);
        }
      }
    }
    for (String name : IndexSchema.FACETS) {
      // Value numbers are ordinals: their order is the labels' byte order, the tie-break of the counts.
      if (name.equals("stars")) {
        SortedNumericDocValues dv = MultiDocValues.getSortedNumericValues(reader, name);
        long[] raw = new long[max];
        FixedBitSet has = new FixedBitSet(Math.max(1, max));
        TreeMap<String, Integer> byLabel = new TreeMap<>();
        if (dv != null) {
          for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            raw[doc] = dv.nextValue();
            has.set(doc);
            byLabel.put(String.valueOf(raw[doc]), 0);
          }
        }
        String[] labels = byLabel.keySet().toArray(String[]::new);
        Map<Long, Integer> number = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
          number.put(Long.parseLong(labels[i]), i);
        }
        DimBuilder b = new DimBuilder(name, labels, max);
        for (int doc = 0; doc < max; doc++) {
          if (has.get(doc)) {
            b.add(doc, number.get(raw[doc]));
          }
        }
        dims.add(b.build());
      } else if (name.equals("company")) {
        SortedDocValues dv = MultiDocValues.getSortedValues(reader, IndexSchema.shown(name));
        String[] labels = new String[dv == null ? 0 : dv.getValueCount()];
        for (int o = 0; o < labels.length; o++) {
          labels[o] = dv.lookupOrd(o).utf8ToString();
        }
        DimBuilder b = new DimBuilder(name, labels, max);
        if (dv != null) {
          for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            b.add(doc, dv.ordValue());
          }
        }
        dims.add(b.build());
      } else {
        SortedSetDocValues dv = MultiDocValues.getSortedSetValues(reader, name);
        String[] labels = new String[dv == null ? 0 : (int) dv.getValueCount()];
        for (int o = 0; o < labels.length; o++) {
          labels[o] = dv.lookupOrd(o).utf8ToString();
        }
        DimBuilder b = new DimBuilder(name, labels, max);
        if (dv != null) {
          for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            for (int i = dv.docValueCount(); i > 0; i--) {
              b.add(doc, (int) dv.nextOrd());
            }
          }
        }
        dims.add(b.build());
      }
    }
    return new FacetColumns(dims, live);
  }

  /** Fills a dimension's bit sets (few values) or value numbers (many), document by document. */
  private static final class DimBuilder {
    private final String name;
    private final String[] labels;
    private final FixedBitSet[] bits;
    private final int[] value;
    private final Map<Integer, int[]> several = new HashMap<>();

    DimBuilder(String name, String[] labels, int max) {
      this.name = name;
      this.labels = labels;
      if (labels.length <= FEW) {
        bits = new FixedBitSet[labels.length];
        for (int v = 0; v < bits.length; v++) {
          bits[v] = new FixedBitSet(Math.max(1, max));
        }
        value = null;
      } else {
        bits = null;
        value = new int[max];
        Arrays.fill(value, NONE);
      }
    }

    void add(int doc, int v) {
      if (bits != null) {
        bits[v].set(doc);
      } else if (value[doc] == NONE) {
        value[doc] = v;
      } else if (value[doc] >= 0) {
        several.put(doc, new int[] {value[doc], v});
        value[doc] = SEVERAL;
      } else {
        int[] was = several.get(doc);
        int[] now = Arrays.copyOf(was, was.length + 1);
        now[was.length] = v;
        several.put(doc, now);
      }
    }

    Dim build() {
      return new Dim(name, labels, bits, value, several);
    }
  }

  /**
   * The table {@code facets}: per dimension, its {@link #TOP} values with the most of {@code matches}
   * ({@code total} of them, all live).
   */
  Table table(FixedBitSet matches, long total) {
    boolean broad = total > liveCount / 2;
    if (broad) {
      others.clear();
      others.or(live);
      others.andNot(matches);
    }
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < dims.size(); i++) {
      Dim d = dims.get(i);
      int[] counts;
      if (broad && d.value() != null) {
        if (totals[i] == null) {
          totals[i] = d.counts(live, null);
        }
        counts = d.countsBesides(others, totals[i], scratch[i]);
      } else {
        counts = d.counts(matches, scratch[i]);
      }
      scratch[i] = counts;
      Integer[] best = topValues(counts, d.labels().length);
      for (int v : best) {
        rows.add(new Object[] {d.name(), d.labels()[v], (long) counts[v]});
      }
    }
    return Table.of(SearchResult.FACETS, SearchResult.FACET_COLUMNS, rows);
  }

  /** The value numbers of the {@link #TOP} highest non-zero counts, highest first, ties by value number. */
  private static Integer[] topValues(int[] counts, int values) {
    int[] best = new int[TOP];
    int n = 0;
    for (int v = 0; v < values; v++) {
      if (counts[v] == 0 || (n == TOP && counts[v] <= counts[best[n - 1]])) {
        continue; // a later value with an equal count loses the tie
      }
      int i = n == TOP ? TOP - 1 : n++;
      while (i > 0 && counts[best[i - 1]] < counts[v]) {
        best[i] = best[i - 1];
        i--;
      }
      best[i] = v;
    }
    return Arrays.stream(best, 0, n).boxed().toArray(Integer[]::new);
  }
}
