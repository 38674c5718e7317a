package dev.starling.engine.index;

import dev.starling.engine.features.Accounts;
import dev.starling.engine.store.SearchSource;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;

/**
 * One subscriber as indexed: the store's row normalised (keywords in lower case, the country as its code)
 * with the subjects of the campaigns they human-opened. Feature values are absent (null) when the features
 * were never computed for the person, so {@code stars:0} finds the people judged to have no stars, not
 * those never judged.
 */
record SubscriberDoc(int id, String email, String name, String company, String domain, String account, String country,
    List<String> tags, String status, String state, String confidence, Integer stars, Double score, Long last,
    List<String> opened, List<String> clicked) {

  static SubscriberDoc of(SearchSource.SubscriberRow r, List<String> openedSubjects) {
    String name = join(r.firstName(), r.lastName());
    List<String> tags = r.tags() == null ? List.of()
        : Arrays.stream(r.tags().split("\\|")).map(String::strip).filter(t -> !t.isEmpty()).map(IndexSchema::lower).toList();
    boolean f = r.hasFeatures();
    List<String> clicked = r.clickedUrls() == null || r.clickedUrls().isEmpty() ? List.of() : List.of(r.clickedUrls().split("\n"));
    // Before the first refresh the features do not name the account yet: derive it the way they will.
    String account = f ? r.account() : Accounts.keyOf(r.company(), r.domain());
    return new SubscriberDoc(r.id(), r.email(), name, r.company(), IndexSchema.lower(r.domain()),
        IndexSchema.lower(account), r.countryCode(), tags, IndexSchema.lower(f ? r.status() : r.listStatus()),
        f ? r.state() : null, f ? r.confidence() : null, f ? r.stars() : null, f ? r.score() : null,
        f && r.lastHumanAt() != 0 ? r.lastHumanAt() : null, openedSubjects, clicked);
  }

  private static String join(String first, String last) {
    String n = ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
    return n.isEmpty() ? null : n;
  }

  String key() {
    return "s:" + email;
  }

  /** A hash of every indexed value: equal fingerprints, equal documents (64 bits: a miss is 1 in 10^19). */
  long fingerprint() {
    return Fingerprint.of(email, name, company, domain, account, country, tags, status, state, confidence, stars, score, last,
        opened, clicked);
  }

  /** The document, carrying {@code fingerprint} (this one's {@link #fingerprint()}, computed once by the caller). */
  Document document(long fingerprint) {
    Document d = new Document();
    d.add(new StringField(IndexSchema.TYPE, IndexSchema.SUBSCRIBER, Field.Store.NO));
    d.add(new KeywordField(IndexSchema.KEY, key(), Field.Store.NO));
    d.add(new NumericDocValuesField(IndexSchema.SUBSCRIBER_ID, id)); // read by updates, never searched: no points
    d.add(new NumericDocValuesField(IndexSchema.FINGERPRINT, fingerprint));
    // The address is searched and shown through the key ("s:" + email; UserQueryParser), not a field of its own.
    // Doc values only where a row, a facet or a sort reads them.
    if (name != null) {
      d.add(new TextField("name", name, Field.Store.NO));
      d.add(new BinaryDocValuesField(IndexSchema.shown("name"), new BytesRef(name)));
    }
    if (company != null) {
      d.add(new TextField("company", company, Field.Store.NO));
      d.add(new SortedDocValuesField(IndexSchema.shown("company"), new BytesRef(company)));
    }
    d.add(new KeywordField("domain", domain, Field.Store.NO));
    if (account != null) {
      d.add(new StringField("account", account, Field.Store.NO));
    }
    if (country != null) {
      d.add(new KeywordField("country", country, Field.Store.NO));
    }
    for (String t : tags) {
      d.add(new StringField("tags", t, Field.Store.NO));
    }
    if (status != null) {
      d.add(new KeywordField("status", status, Field.Store.NO));
    }
    if (state != null) {
      d.add(new KeywordField("state", state, Field.Store.NO));
    }
    if (confidence != null) {
      d.add(new StringField("confidence", confidence, Field.Store.NO));
    }
    if (stars != null) {
      d.add(new IntField("stars", stars, Field.Store.NO));
    }
    if (score != null) {
      d.add(new DoubleField("score", score, Field.Store.NO));
    }
    if (last != null) {
      d.add(new LongField("last", last, Field.Store.NO));
    }
    IndexSchema.addTerms(d, SearchField.OPENED, opened);
    IndexSchema.addTerms(d, SearchField.CLICKED, clicked);
    return d;
  }

}
