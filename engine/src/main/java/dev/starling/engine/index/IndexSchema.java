package dev.starling.engine.index;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
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
 *
 * <p><b>Nothing is stored.</b> Result rows and facet counts are read from doc values (keyword, number and
 * the {@link #shown} fields), which cost a few bytes per document and no decompression per hit.
 *
 * <p><b>Subjects and URLs are whole terms.</b> {@code opened} and {@code clicked} hold each subject or URL as
 * one exact term, not analysed text: a year of fifty campaigns has fifty subjects, and stemming them in
 * English and Spanish for each of a million people was most of the build. The words are matched at query
 * time against the few distinct values ({@link Dictionary}), with the same analyzers.
 */
final class IndexSchema {
  /** Raised whenever the layout changes: an index with another version is rebuilt on open. */
  static final int VERSION = 2;

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

  /**
   * The doc-values twin of a text field ({@code name}, {@code company}): the value as written, for result rows
   * and the {@code company} facet, beside the analysed words that are searched.
   */
  static String shown(String field) {
    return field + "_v";
  }

  /**
   * Longest subject or URL kept as a term (in chars): Lucene refuses terms over 32,766 bytes. A longer value
   * is matched on its first 4,000 characters.
   */
  static final int MAX_TERM_CHARS = 4_000;

  /** Adds each of {@code values} as one exact term of {@code field} (a {@link SearchField.Kind#TEXT_EN_ES} field). */
  static void addTerms(org.apache.lucene.document.Document d, SearchField field, java.util.Collection<String> values) {
    for (String v : values) {
      String term = v.length() > MAX_TERM_CHARS ? v.substring(0, MAX_TERM_CHARS) : v;
      d.add(new org.apache.lucene.document.StringField(field.field(), term, org.apache.lucene.document.Field.Store.NO));
    }
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
