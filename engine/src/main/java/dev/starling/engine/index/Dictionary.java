package dev.starling.engine.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The distinct subjects ({@code opened}) and URLs ({@code clicked}) of one index reader, each analysed as the
 * text it is (English and Spanish stemming, {@link IndexSchema#analyzer}) in a small in-memory index: what the
 * words of {@code clicked:pricing} are matched against, to become the exact URLs that contain them
 * ({@link #expand}). Built from the terms of the two fields, so a year of campaigns costs a few dozen
 * documents here, whatever the number of people.
 */
final class Dictionary {
  private static final String INDEX = "i";

  private record Values(List<BytesRef> terms, IndexSearcher searcher) {}

  private final Map<SearchField, Values> fields;
  /**
   * Expansions already worked out, least recently used dropped first: a word search looks for its word in
   * subjects and URLs too, two searches of the small index that cost more than the rest of the parse, and
   * people repeat their words. Not thread-safe: used only under {@link Snapshot}'s lock.
   */
  private final Map<Query, Query> expanded = new java.util.LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Query, Query> eldest) {
      return size() > EXPANSIONS;
    }
  };
  private static final int EXPANSIONS = 1_024;

  private Dictionary(Map<SearchField, Values> fields) {
    this.fields = fields;
  }

  /** The dictionary of {@code reader}'s subject and URL terms (deleted documents' terms included: harmless). */
  static Dictionary of(IndexReader reader) throws IOException {
    Map<SearchField, Values> fields = new EnumMap<>(SearchField.class);
    for (SearchField f : SearchField.values()) {
      if (f.kind != SearchField.Kind.TEXT_EN_ES) {
        continue;
      }
      List<BytesRef> terms = new ArrayList<>();
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      try (Analyzer analyzer = IndexSchema.analyzer(); IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
        Terms t = MultiTerms.getTerms(reader, f.field());
        if (t != null) {
          TermsEnum te = t.iterator();
          for (BytesRef term = te.next(); term != null; term = te.next()) {
            String text = term.utf8ToString();
            Document d = new Document();
            d.add(new TextField(f.english(), text, Field.Store.NO));
            d.add(new TextField(f.spanish(), text, Field.Store.NO));
            d.add(new NumericDocValuesField(INDEX, terms.size()));
            w.addDocument(d);
            terms.add(BytesRef.deepCopyOf(term));
          }
        }
        w.commit();
      }
      IndexSearcher searcher = new IndexSearcher(DirectoryReader.open(dir));
      searcher.setQueryCache(null);
      fields.put(f, new Values(List.copyOf(terms), searcher));
    }
    return new Dictionary(fields);
  }

  /**
   * The exact-term query for the values of {@code field} that {@code overTwins} (a query on the field's
   * {@code _en}/{@code _es} twins, as the parser builds it) matches: no documents when none does.
   */
  Query expand(SearchField field, Query overTwins) {
    if (overTwins == null) {
      return null; // only stop words: the parser drops the clause
    }
    Query known = expanded.get(overTwins);
    if (known == null) {
      known = search(field, overTwins);
      expanded.put(overTwins, known);
    }
    return known;
  }

  private Query search(SearchField field, Query overTwins) {
    Values v = fields.get(field);
    List<BytesRef> matched = new ArrayList<>();
    try {
      v.searcher.search(overTwins, new SimpleCollector() {
        private NumericDocValues index;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
          index = context.reader().getNumericDocValues(INDEX);
        }

        @Override
        public void collect(int doc) throws IOException {
          if (index.advanceExact(doc)) {
            matched.add(v.terms.get((int) index.longValue()));
          }
        }

        @Override
        public ScoreMode scoreMode() {
          return ScoreMode.COMPLETE_NO_SCORES;
        }
      });
    } catch (IOException e) {
      throw new IndexException("cannot match '" + overTwins + "' against the " + field.field() + " values: " + e.getMessage(), e);
    }
    if (matched.isEmpty()) {
      return new MatchNoDocsQuery("no " + field.field() + " value matches " + overTwins);
    }
    matched.sort(null);
    return new TermInSetQuery(field.field(), matched);
  }
}
