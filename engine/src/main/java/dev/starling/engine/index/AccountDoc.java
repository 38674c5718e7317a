package dev.starling.engine.index;

import dev.starling.engine.features.AccountFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;

/**
 * One account as indexed: its features (people, engaged people, score sum) and what its people bring,
 * gathered while the subscribers stream past ({@link Builder}): their addresses, names, domains and
 * countries, the best star tier, the last human activity, and the subjects and URLs they engaged with.
 */
record AccountDoc(String account, String company, int people, int engaged, int engaged14d, int newly14d, double score,
    Integer stars, Long last, List<String> emails, List<String> names, List<String> domains, List<String> countries,
    List<String> opened, List<String> clicked) {

  String key() {
    return "a:" + account;
  }

  long fingerprint() {
    return Fingerprint.of(account, company, people, engaged, engaged14d, newly14d, score, stars, last, emails, names, domains,
        countries, opened, clicked);
  }

  /** The document, carrying {@code fingerprint} (this one's {@link #fingerprint()}, computed once by the caller). */
  Document document(long fingerprint) {
    Document d = new Document();
    d.add(new StringField(IndexSchema.TYPE, IndexSchema.ACCOUNT, Field.Store.NO));
    d.add(new KeywordField(IndexSchema.KEY, key(), Field.Store.NO));
    d.add(new NumericDocValuesField(IndexSchema.FINGERPRINT, fingerprint));
    d.add(new StringField("account", account, Field.Store.NO)); // the row's account is the key's
    d.add(new TextField("company", company, Field.Store.NO));
    d.add(new SortedDocValuesField(IndexSchema.shown("company"), new BytesRef(company)));
    for (String e : emails) {
      d.add(new StringField("email", e, Field.Store.NO));
    }
    for (String n : names) {
      d.add(new TextField("name", n, Field.Store.NO));
    }
    for (String dom : domains) {
      d.add(new KeywordField("domain", dom, Field.Store.NO)); // its doc values are the row's domains, sorted
    }
    for (String c : countries) {
      d.add(new KeywordField("country", c, Field.Store.NO));
    }
    d.add(new IntField("people", people, Field.Store.NO));
    d.add(new IntField("engaged", engaged, Field.Store.NO));
    d.add(new DoubleField("score", score, Field.Store.NO));
    if (stars != null) {
      d.add(new IntField("stars", stars, Field.Store.NO));
    }
    if (last != null) {
      d.add(new LongField("last", last, Field.Store.NO));
    }
    IndexSchema.addTerms(d, SearchField.OPENED, opened);
    IndexSchema.addTerms(d, SearchField.CLICKED, clicked);
    return d;
  }

  /**
   * An account's document in the making: its people are added one by one, in id order. A build holds every
   * account's builder until the last person is read (a million people's addresses and names), so the values
   * are kept as joined text, sorted and deduplicated only when the document is made: a few bytes per person
   * rather than a string and a tree node each, which did not fit a 512 MB heap at a million people.
   */
  static final class Builder {
    private static final char SEP = '\u0000';
    private final String account;
    private String company;
    private Integer stars;
    private Long last;
    private int people;
    private final Joined emails = new Joined();
    private final Joined names = new Joined();
    private final Joined domains = new Joined();
    private final Joined countries = new Joined();
    private final Distinct opened = new Distinct();
    private final Distinct clicked = new Distinct();

    Builder(String account) {
      this.account = account;
    }

    String account() {
      return account;
    }

    void add(SubscriberDoc p) {
      if (company == null && p.company() != null) {
        company = p.company(); // the first person's spelling (lowest id), stable across updates
      }
      people++;
      emails.add(p.email());
      if (p.name() != null) {
        names.add(p.name());
      }
      domains.add(p.domain());
      if (p.country() != null) {
        countries.add(p.country());
      }
      if (p.stars() != null) {
        stars = stars == null ? p.stars() : Math.max(stars, p.stars());
      }
      if (p.last() != null) {
        last = last == null ? p.last() : Math.max(last, p.last());
      }
      // Every distinct subject and URL: they are exact terms now (a few bytes each), no longer analysed text
      // that had to be capped for a ten-thousand-person account.
      opened.addAll(p.opened());
      clicked.addAll(p.clicked());
    }

    /** The document, with the account's stored features (zeros when the account has none yet). */
    AccountDoc build(AccountFeatures f) {
      return new AccountDoc(account, company != null ? company : account, f == null ? people : f.people(),
          f == null ? 0 : f.engagedPeople(), f == null ? 0 : f.engaged14d(), f == null ? 0 : f.newlyEngaged14d(),
          f == null ? 0 : f.scoreSum(), stars, last, emails.inOrder(), names.sorted(), domains.sorted(), countries.sorted(),
          opened.sorted(), clicked.sorted());
    }

    /**
     * Distinct values: a short array while they are few (most accounts engage with a handful of subjects and
     * URLs), a hash set past that. A hash set per account cost 200 bytes even for one value.
     */
    private static final class Distinct {
      private static final int SMALL = 8;
      private String[] few;
      private int n;
      private Set<String> many;

      void addAll(List<String> values) {
        for (String v : values) {
          add(v);
        }
      }

      private void add(String v) {
        if (many != null) {
          many.add(v);
          return;
        }
        for (int i = 0; i < n; i++) {
          if (few[i].equals(v)) {
            return;
          }
        }
        if (few == null) {
          few = new String[2];
        } else if (n == few.length && n < SMALL) {
          few = java.util.Arrays.copyOf(few, Math.min(SMALL, 2 * n));
        }
        if (n < SMALL) {
          few[n++] = v;
        } else {
          many = new java.util.HashSet<>(java.util.Arrays.asList(few));
          many.add(v);
          few = null;
          n = 0;
        }
      }

      List<String> sorted() {
        if (many != null) {
          return List.copyOf(new TreeSet<>(many));
        }
        if (n == 0) {
          return List.of();
        }
        String[] out = java.util.Arrays.copyOf(few, n);
        java.util.Arrays.sort(out);
        return List.of(out);
      }
    }

    /** Values in the order added, the first apart (most accounts have one domain, one country). */
    private static final class Joined {
      private String first;
      private StringBuilder more;

      void add(String v) {
        if (first == null) {
          first = v;
        } else if (!v.equals(first)) {
          more = more == null ? new StringBuilder() : more;
          more.append(v).append(SEP);
        }
      }

      List<String> inOrder() {
        if (first == null) {
          return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add(first);
        if (more != null) {
          for (String v : more.toString().split(String.valueOf(SEP))) {
            out.add(v);
          }
        }
        return List.copyOf(out);
      }

      List<String> sorted() {
        return List.copyOf(new TreeSet<>(inOrder()));
      }
    }
  }
}
