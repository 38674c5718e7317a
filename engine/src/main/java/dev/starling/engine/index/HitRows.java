package dev.starling.engine.index;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.NumericUtils;

/**
 * The result rows of some documents, read from doc values ({@link SearchResult#SUBSCRIBER_COLUMNS} or
 * {@link SearchResult#ACCOUNT_COLUMNS}): the documents are visited in index order, each segment's values
 * opened once, so twenty hits cost twenty short seeks, not twenty decompressed blocks of stored fields.
 */
final class HitRows {
  private HitRows() {}

  static List<Object[]> read(IndexReader reader, int[] docs, boolean accounts) throws IOException {
    Integer[] byDoc = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      byDoc[i] = i;
    }
    Arrays.sort(byDoc, (a, b) -> Integer.compare(docs[a], docs[b]));
    Object[][] rows = new Object[docs.length][];
    Leaf leaf = null;
    for (int i : byDoc) {
      int doc = docs[i];
      LeafReaderContext ctx = reader.leaves().get(ReaderUtil.subIndex(doc, reader.leaves()));
      if (leaf == null || leaf.ctx != ctx) {
        leaf = new Leaf(ctx);
      }
      int d = doc - ctx.docBase;
      rows[i] = accounts
          ? new Object[] {leaf.key(d), leaf.shown("company", d), leaf.number("people", d),
              leaf.number("engaged", d), leaf.number("stars", d), leaf.decimal("score", d), leaf.time("last", d),
              leaf.keywords("domain", d), leaf.keywords("country", d)}
          : new Object[] {leaf.key(d), leaf.text("name", d), leaf.shown("company", d),
              leaf.keyword("domain", d), leaf.keyword("country", d), leaf.number("stars", d), leaf.decimal("score", d),
              leaf.keyword("state", d), leaf.keyword("status", d), leaf.time("last", d)};
    }
    return new ArrayList<>(Arrays.asList(rows));
  }

  /** One segment's doc values, each opened on first use; read in increasing document order. */
  private static final class Leaf {
    final LeafReaderContext ctx;
    private final Map<String, Object> open = new HashMap<>();

    Leaf(LeafReaderContext ctx) {
      this.ctx = ctx;
    }

    private LeafReader r() {
      return ctx.reader();
    }

    /** The document's key without its type prefix: the email, or the account. */
    String key(int doc) throws IOException {
      String key = keyword(IndexSchema.KEY, doc);
      return key == null ? null : key.substring(2);
    }

    String text(String field, int doc) throws IOException {
      BinaryDocValues dv = (BinaryDocValues) values(IndexSchema.shown(field), 'b');
      return dv != null && dv.advanceExact(doc) ? dv.binaryValue().utf8ToString() : null;
    }

    String keyword(String field, int doc) throws IOException {
      SortedSetDocValues dv = (SortedSetDocValues) values(field, 's');
      return dv != null && dv.advanceExact(doc) ? dv.lookupOrd(dv.nextOrd()).utf8ToString() : null;
    }

    /** Every value, sorted as strings and joined by spaces; null when none. */
    String keywords(String field, int doc) throws IOException {
      SortedSetDocValues dv = (SortedSetDocValues) values(field, 's');
      if (dv == null || !dv.advanceExact(doc)) {
        return null;
      }
      String[] out = new String[dv.docValueCount()];
      for (int i = 0; i < out.length; i++) {
        out[i] = dv.lookupOrd(dv.nextOrd()).utf8ToString();
      }
      Arrays.sort(out);
      return out.length == 0 ? null : String.join(" ", out);
    }

    String shown(String field, int doc) throws IOException {
      SortedDocValues dv = (SortedDocValues) values(IndexSchema.shown(field), 'o');
      return dv != null && dv.advanceExact(doc) ? dv.lookupOrd(dv.ordValue()).utf8ToString() : null;
    }

    Long number(String field, int doc) throws IOException {
      SortedNumericDocValues dv = (SortedNumericDocValues) values(field, 'n');
      return dv != null && dv.advanceExact(doc) ? dv.nextValue() : null;
    }

    Double decimal(String field, int doc) throws IOException {
      Long raw = number(field, doc);
      return raw == null ? null : NumericUtils.sortableLongToDouble(raw);
    }

    Instant time(String field, int doc) throws IOException {
      Long ms = number(field, doc);
      return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    private Object values(String field, char kind) throws IOException {
      if (!open.containsKey(field)) {
        open.put(field, switch (kind) {
          case 's' -> r().getSortedSetDocValues(field);
          case 'o' -> r().getSortedDocValues(field);
          case 'b' -> r().getBinaryDocValues(field);
          default -> r().getSortedNumericDocValues(field);
        });
      }
      return open.get(field);
    }
  }
}
