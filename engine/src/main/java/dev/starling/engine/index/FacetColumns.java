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
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.FixedBitSet;

/**
 * The facet dimensions of one reader ({@link IndexSchema#FACETS}), read once from the documents' doc values,
 * and their counts over a match set: the ten values with most matches per dimension, ties by value (the
 * order of Lucene's own facet counts). A dimension of few values (country, stars, state, status) keeps one
 * bit set per value and counts by intersecting words; one of many (domain, company) keeps each document's
 * value number and counts the matches one by one.
 */
final class FacetColumns {
  static final int TOP = 10;
  private static final int FEW = 64;
  private static final int NONE = -1;
  private static final int SEVERAL = -2;

  /** One dimension: its values' labels in order, and per document either bit sets or value numbers. */
  private record Dim(String name, String[] labels, FixedBitSet[] perValue, int[] value, Map<Integer, int[]> several) {
    long[] counts(FixedBitSet matches) {
      long[] counts = new long[labels.length];
      if (perValue != null) {
        for (int v = 0; v < labels.length; v++) {
          counts[v] = FixedBitSet.intersectionCount(matches, perValue[v]);
        }
        return counts;
      }
      long[] words = matches.getBits();
      for (int w = 0; w < matches.getBits().length; w++) {
        long word = words[w];
        while (word != 0) {
          int doc = (w << 6) + Long.numberOfTrailingZeros(word);
          word &= word - 1;
          int v = value[doc];
          if (v >= 0) {
            counts[v]++;
          } else if (v == SEVERAL) {
            for (int each : several.get(doc)) {
              counts[each]++;
            }
          }
        }
      }
      return counts;
    }
  }

  private final List<Dim> dims;

  private FacetColumns(List<Dim> dims) {
    this.dims = dims;
  }

  static FacetColumns of(IndexReader reader) throws IOException {
    List<Dim> dims = new ArrayList<>();
    int max = reader.maxDoc();
    for (String name : IndexSchema.FACETS) {
      // Per document, the value numbers (ordinals: their order is the labels' byte order).
      int[][] perDoc = new int[max][];
      String[] labels;
      if (name.equals("stars")) {
        SortedNumericDocValues dv = MultiDocValues.getSortedNumericValues(reader, name);
        TreeMap<String, Integer> byLabel = new TreeMap<>();
        long[] raw = new long[max];
        boolean[] has = new boolean[max];
        if (dv != null) {
          for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            raw[doc] = dv.nextValue();
            has[doc] = true;
            byLabel.put(String.valueOf(raw[doc]), 0);
          }
        }
        labels = byLabel.keySet().toArray(String[]::new);
        Map<String, Integer> number = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
          number.put(labels[i], i);
        }
        for (int doc = 0; doc < max; doc++) {
          if (has[doc]) {
            perDoc[doc] = new int[] {number.get(String.valueOf(raw[doc]))};
          }
        }
      } else if (name.equals("company")) {
        SortedDocValues dv = MultiDocValues.getSortedValues(reader, IndexSchema.shown(name));
        labels = new String[dv == null ? 0 : dv.getValueCount()];
        if (dv != null) {
          for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            perDoc[doc] = new int[] {dv.ordValue()};
          }
          for (int o = 0; o < labels.length; o++) {
            labels[o] = dv.lookupOrd(o).utf8ToString();
          }
        }
      } else {
        SortedSetDocValues dv = MultiDocValues.getSortedSetValues(reader, name);
        labels = new String[dv == null ? 0 : (int) dv.getValueCount()];
        if (dv != null) {
          for (int doc = dv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dv.nextDoc()) {
            int[] ords = new int[dv.docValueCount()];
            for (int i = 0; i < ords.length; i++) {
              ords[i] = (int) dv.nextOrd();
            }
            perDoc[doc] = ords;
          }
          for (int o = 0; o < labels.length; o++) {
            labels[o] = dv.lookupOrd(o).utf8ToString();
          }
        }
      }
      dims.add(dim(name, labels, perDoc));
    }
    return new FacetColumns(dims);
  }

  private static Dim dim(String name, String[] labels, int[][] perDoc) {
    int max = perDoc.length;
    if (labels.length <= FEW) {
      FixedBitSet[] bits = new FixedBitSet[labels.length];
      for (int v = 0; v < bits.length; v++) {
        bits[v] = new FixedBitSet(Math.max(1, max));
      }
      for (int doc = 0; doc < max; doc++) {
        if (perDoc[doc] != null) {
          for (int v : perDoc[doc]) {
            bits[v].set(doc);
          }
        }
      }
      return new Dim(name, labels, bits, null, null);
    }
    int[] value = new int[max];
    Map<Integer, int[]> several = new HashMap<>();
    for (int doc = 0; doc < max; doc++) {
      int[] v = perDoc[doc];
      if (v == null || v.length == 0) {
        value[doc] = NONE;
      } else if (v.length == 1) {
        value[doc] = v[0];
      } else {
        value[doc] = SEVERAL;
        several.put(doc, v);
      }
    }
    return new Dim(name, labels, null, value, several);
  }

  /** The table {@code facets}: per dimension, its {@link #TOP} values with the most of {@code matches}. */
  Table table(FixedBitSet matches) {
    List<Object[]> rows = new ArrayList<>();
    for (Dim d : dims) {
      long[] counts = d.counts(matches);
      Integer[] best = topValues(counts);
      for (int v : best) {
        rows.add(new Object[] {d.name(), d.labels()[v], counts[v]});
      }
    }
    return Table.of(SearchResult.FACETS, SearchResult.FACET_COLUMNS, rows);
  }

  /** The value numbers of the {@link #TOP} highest non-zero counts, highest first, ties by value number. */
  private static Integer[] topValues(long[] counts) {
    int[] best = new int[TOP];
    int n = 0;
    for (int v = 0; v < counts.length; v++) {
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
