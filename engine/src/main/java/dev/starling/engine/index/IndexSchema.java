package dev.starling.engine.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.facet.FacetsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How documents are laid out: the schema version (an index written with another is rebuilt), the
 * analyzers per field, the facet dimensions, and the technical fields beside the {@link SearchField}s.
 *
 * <p>Every document has {@code type} ({@code subscriber} or {@code account}), {@code key} (its unique term:
 * {@code s:<email>} or {@code a:<account>}, also the tie-break sort), {@code fp} (a fingerprint of everything
 * indexed from the store, which is how an update finds the documents that changed). Subscriber documents add {@code sid}, the store's
 * dense id. A word without a field name is looked for in several fields at query time
 * ({@link UserQueryParser}), not in a catch-all field: that would index every text twice.
 */
final class IndexSchema {
  /** Raised whenever the layout changes: an index with another version is rebuilt on open. */
  static final int VERSION = 1;

  static final String TYPE = "type";
  static final String SUBSCRIBER = "subscriber";
  static final String ACCOUNT = "account";
  static final String KEY = "key";
  static final String FINGERPRINT = "fp";
  static final String SUBSCRIBER_ID = "sid";
  /** The parser's name for "no field given"; no document has it. */
  static final String ALL = "all";

  /** Facet dimensions, in the order {@code --facets} shows them. */
  static final List<String> FACETS = List.of("domain", "company", "country", "stars", "state", "status");

  private IndexSchema() {}

  /** Lower case (keywords are indexed and queried so), null-safe. */
  static String lower(String s) {
    return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
  }

  /** Adds {@code values} to both stemmed twins of {@code field}, when there are any. */
  static void addEnEs(org.apache.lucene.document.Document d, SearchField field, List<String> values) {
    if (values.isEmpty()) {
      return;
    }
    String text = String.join("\n", values);
    d.add(new org.apache.lucene.document.TextField(field.english(), text, org.apache.lucene.document.Field.Store.NO));
    d.add(new org.apache.lucene.document.TextField(field.spanish(), text, org.apache.lucene.document.Field.Store.NO));
  }

  static FacetsConfig facetsConfig() {
    FacetsConfig config = new FacetsConfig();
    for (String dim : FACETS) {
      config.setMultiValued(dim, true); // an account has several domains and countries
    }
    return config;
  }

  /** Folded words for the plain text fields; English and Spanish stemming for the {@code _en}/{@code _es} twins. */
  static Analyzer analyzer() {
    try {
      Analyzer folded = CustomAnalyzer.builder()
          .withTokenizer("standard")
          .addTokenFilter("lowercase")
          .addTokenFilter("asciiFolding")
          .build();
      Map<String, Analyzer> perField = new HashMap<>();
      Analyzer english = new EnglishAnalyzer();
      Analyzer spanish = new SpanishAnalyzer();
      for (SearchField f : SearchField.values()) {
        if (f.kind == SearchField.Kind.TEXT_EN_ES) {
          perField.put(f.english(), english);
          perField.put(f.spanish(), spanish);
        }
      }
      return new PerFieldAnalyzerWrapper(folded, perField);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
