package dev.starling.engine.index;

import dev.starling.engine.country.Countries;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Lucene's classic query syntax over the user's field names ({@link SearchField}): keywords are matched
 * exactly in lower case, {@code country:} accepts a name ("Spain", "España") as well as the code, numbers
 * and days get point queries and ranges ({@code stars:[4 TO 5]}, {@code last:[2026-11-01 TO *]}), and
 * {@code opened:}/{@code clicked:} look in both stemmed twins. A mistake becomes a
 * {@link SearchQueryException} whose one line names the column.
 *
 * <p>Not thread-safe (the classic parser keeps state): one per query.
 */
final class UserQueryParser extends QueryParser {
  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");
  private final String query;
  private final boolean accounts;
  private final Dictionary dictionary;

  /** A parser that only checks the syntax: {@code opened:}/{@code clicked:} words stay words on the twins. */
  UserQueryParser(Analyzer analyzer, String query, boolean accounts) {
    this(analyzer, query, accounts, null);
  }

  /** A parser whose {@code opened:}/{@code clicked:} words become the exact subjects and URLs of {@code dictionary}. */
  UserQueryParser(Analyzer analyzer, String query, boolean accounts, Dictionary dictionary) {
    super(IndexSchema.ALL, analyzer);
    this.query = query;
    this.accounts = accounts;
    this.dictionary = dictionary;
    setAllowLeadingWildcard(true);
    setDefaultOperator(QueryParser.Operator.AND); // "acme pricing" narrows, as people expect of a search box
  }

  /** Parses the query this parser was made for. */
  Query parse() {
    if (query.isBlank()) {
      throw new SearchQueryException("the query is empty: give words or field:value, e.g. company:acme stars:[4 TO 5]");
    }
    try {
      return parse(query);
    } catch (ParseException e) {
      throw problem(e);
    }
  }

  private SearchQueryException problem(ParseException wrapped) {
    Throwable cause = wrapped.getCause() != null ? wrapped.getCause() : wrapped;
    if (cause instanceof FieldProblem fp) {
      return new SearchQueryException(fp.getMessage());
    }
    if (cause instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
      Token bad = pe.currentToken.next; // columns count from 0 in the classic parser's tokens
      boolean end = bad.kind == 0; // EOF
      return new SearchQueryException("malformed query at column " + (end ? query.length() + 1 : bad.beginColumn + 1)
          + ": " + (end ? "it ends too early (an unclosed '(' or '[', or an operator with nothing after it?)"
              : "unexpected '" + bad.image + "'"));
    }
    if (cause instanceof TokenMgrError tme) {
      Matcher m = COLUMN.matcher(tme.getMessage());
      String col = m.find() ? m.group(1) : String.valueOf(query.length() + 1);
      return new SearchQueryException("malformed query at column " + col + ": "
          + (tme.getMessage().contains("<EOF>") ? "it ends inside a quote or after a backslash" : "a character it cannot read"));
    }
    return new SearchQueryException("malformed query: " + cause.getMessage().lines().findFirst().orElse(""));
  }

  /** A problem with one field:value, raised from inside the parser and turned into the one-line message. */
  private static final class FieldProblem extends ParseException {
    FieldProblem(String message) {
      super(message);
    }
  }

  private SearchField field(String name) throws ParseException {
    if (name.equals(IndexSchema.ALL)) {
      return null;
    }
    SearchField f = SearchField.byName(name);
    if (f == null || !(accounts ? f.accounts : f.subscribers)) {
      throw new FieldProblem("unknown field '" + name + "' at column " + column(name) + " (fields for "
          + (accounts ? "accounts" : "subscribers") + ": " + SearchField.names(accounts) + ")");
    }
    return f;
  }

  /** 1-based column of {@code name:} in the query, for messages. */
  private int column(String name) {
    int i = query.indexOf(name + ":");
    return i < 0 ? 1 : i + 1;
  }

  /** The fields a word without a field name is looked for in (any of them may match). */
  private static final List<SearchField> BARE_WORD_FIELDS = List.of(SearchField.NAME, SearchField.COMPANY, SearchField.DOMAIN,
      SearchField.ACCOUNT, SearchField.TAGS, SearchField.OPENED, SearchField.CLICKED);

  /** One query per bare-word field (of this document type), any of which may match. */
  private Query anyField(FieldQuery each) throws ParseException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (SearchField f : BARE_WORD_FIELDS) {
      if (accounts ? f.accounts : f.subscribers) {
        Query q = each.query(f.field());
        if (q != null) {
          b.add(q, BooleanClause.Occur.SHOULD);
        }
      }
    }
    return b.build();
  }

  @FunctionalInterface
  private interface FieldQuery {
    Query query(String field) throws ParseException;
  }

  @Override
  protected Query getFieldQuery(String name, String text, boolean quoted) throws ParseException {
    SearchField f = field(name);
    if (f == null) {
      return anyField(field -> getFieldQuery(field, text, quoted));
    }
    return switch (f.kind) {
      case KEYWORD -> KeywordField.newExactQuery(termField(f), termText(f, text.toLowerCase(Locale.ROOT)));
      case COUNTRY -> KeywordField.newExactQuery(f.field(), country(f, text));
      case TEXT -> super.getFieldQuery(f.field(), text, quoted);
      case TEXT_EN_ES -> values(f, either(super.getFieldQuery(f.english(), text, quoted), super.getFieldQuery(f.spanish(), text,
          quoted)));
      case INT -> IntField.newExactQuery(f.field(), integer(f, text));
      case DOUBLE -> DoubleField.newExactQuery(f.field(), decimal(f, text));
      case DATE -> {
        long day = day(f, text);
        yield LongField.newRangeQuery(f.field(), day, day + 86_400_000L - 1);
      }
    };
  }

  @Override
  protected Query getFieldQuery(String name, String text, int slop) throws ParseException {
    SearchField f = field(name);
    if (f == null) {
      return anyField(field -> getFieldQuery(field, text, slop));
    }
    if (f.kind == SearchField.Kind.TEXT) {
      return super.getFieldQuery(f.field(), text, slop);
    }
    if (f.kind == SearchField.Kind.TEXT_EN_ES) {
      return values(f, either(super.getFieldQuery(f.english(), text, slop), super.getFieldQuery(f.spanish(), text, slop)));
    }
    return getFieldQuery(name, text, true);
  }

  @Override
  protected Query getRangeQuery(String name, String lo, String hi, boolean loIncl, boolean hiIncl) throws ParseException {
    SearchField f = field(name);
    if (f == null) {
      throw new FieldProblem("a range [a TO b] needs a field name, e.g. stars:[4 TO 5]");
    }
    boolean openLo = lo == null || lo.equals("*");
    boolean openHi = hi == null || hi.equals("*");
    return switch (f.kind) {
      case INT -> {
        int a = openLo ? Integer.MIN_VALUE : integer(f, lo);
        int b = openHi ? Integer.MAX_VALUE : integer(f, hi);
        if (!openLo && !loIncl) {
          a = a == Integer.MAX_VALUE ? a : a + 1;
        }
        if (!openHi && !hiIncl) {
          b = b == Integer.MIN_VALUE ? b : b - 1;
        }
        yield a > b ? new MatchNoDocsQuery() : IntField.newRangeQuery(f.field(), a, b);
      }
      case DOUBLE -> {
        double a = openLo ? Double.NEGATIVE_INFINITY : decimal(f, lo);
        double b = openHi ? Double.POSITIVE_INFINITY : decimal(f, hi);
        if (!openLo && !loIncl) {
          a = Math.nextUp(a);
        }
        if (!openHi && !hiIncl) {
          b = Math.nextDown(b);
        }
        yield DoubleField.newRangeQuery(f.field(), a, b);
      }
      case DATE -> {
        // Whole days: [2026-11-01 TO 2026-11-30] includes all of the 30th; {..} excludes the named days.
        long a = openLo ? Long.MIN_VALUE : day(f, lo) + (loIncl ? 0 : 86_400_000L);
        long b = openHi ? Long.MAX_VALUE : day(f, hi) + (hiIncl ? 86_400_000L : 0) - 1;
        yield LongField.newRangeQuery(f.field(), a, b);
      }
      case KEYWORD, COUNTRY -> addressAsKey(f)
          // Within the subscribers' keys: from "s:" (open) up to "s;", the first string after every "s:...".
          ? TermRangeQuery.newStringRange(IndexSchema.KEY, openLo ? "s:" : termText(f, keyword(f, lo)),
              openHi ? "s;" : termText(f, keyword(f, hi)), openLo || loIncl, !openHi && hiIncl)
          : TermRangeQuery.newStringRange(f.field(), openLo ? null : keyword(f, lo), openHi ? null : keyword(f, hi), loIncl,
              hiIncl);
      case TEXT, TEXT_EN_ES -> throw new FieldProblem("field '" + f.field() + "' at column " + column(name)
          + " holds words: a range [a TO b] works on numbers, days and exact values only");
    };
  }

  @Override
  protected Query getWildcardQuery(String name, String text) throws ParseException {
    SearchField f = field(name);
    if (f == null) {
      return anyField(field -> getWildcardQuery(field, text));
    }
    if (f.kind == SearchField.Kind.TEXT) {
      return super.getWildcardQuery(f.field(), text);
    }
    if (f.kind == SearchField.Kind.KEYWORD) {
      if (text.equals("*")) {
        return addressAsKey(f) ? new WildcardQuery(new Term(IndexSchema.KEY, "s:*"))
            : super.getWildcardQuery(f.field(), text); // field:* : has a value
      }
      return new WildcardQuery(new Term(termField(f), termText(f, text.toLowerCase(Locale.ROOT))));
    }
    if (f.kind == SearchField.Kind.TEXT_EN_ES) {
      return values(f, either(super.getWildcardQuery(f.english(), text), super.getWildcardQuery(f.spanish(), text)));
    }
    throw new FieldProblem("field '" + f.field() + "' at column " + column(name) + " holds "
        + (f.kind == SearchField.Kind.DATE ? "days" : "numbers") + ": no wildcards, use a range such as " + f.field()
        + ":[1 TO *]");
  }

  @Override
  protected Query getPrefixQuery(String name, String text) throws ParseException {
    SearchField f = field(name);
    if (f == null) {
      return anyField(field -> getPrefixQuery(field, text));
    }
    if (f.kind == SearchField.Kind.KEYWORD) {
      return new PrefixQuery(new Term(termField(f), termText(f, text.toLowerCase(Locale.ROOT))));
    }
    if (f.kind == SearchField.Kind.TEXT_EN_ES) {
      return values(f, either(super.getPrefixQuery(f.english(), text), super.getPrefixQuery(f.spanish(), text)));
    }
    if (f.kind != SearchField.Kind.TEXT) {
      return getWildcardQuery(name, text + "*");
    }
    return super.getPrefixQuery(f.field(), text);
  }

  @Override
  protected Query getFuzzyQuery(String name, String text, float minSimilarity) throws ParseException {
    SearchField f = field(name);
    if (f == null) {
      return anyField(field -> getFuzzyQuery(field, text, minSimilarity));
    }
    if (f.kind == SearchField.Kind.TEXT_EN_ES) {
      return values(f, either(super.getFuzzyQuery(f.english(), text, minSimilarity), super.getFuzzyQuery(f.spanish(), text,
          minSimilarity)));
    }
    return super.getFuzzyQuery(termField(f), termText(f, text), minSimilarity);
  }

  @Override
  protected Query getRegexpQuery(String name, String text) throws ParseException {
    SearchField f = field(name);
    if (f == null) {
      return super.getRegexpQuery(name, text);
    }
    return addressAsKey(f) ? super.getRegexpQuery(IndexSchema.KEY, "s:(" + text + ")") : super.getRegexpQuery(f.field(), text);
  }

  /**
   * Whether {@code f} is a subscriber's address, which is looked up in their key ({@code s:} and the address):
   * indexing it a second time, a million distinct terms, was a fifth of a build.
   */
  private boolean addressAsKey(SearchField f) {
    return f == SearchField.EMAIL && !accounts;
  }

  private String termField(SearchField f) {
    return addressAsKey(f) ? IndexSchema.KEY : f.field();
  }

  private String termText(SearchField f, String text) {
    return addressAsKey(f) ? "s:" + text : text;
  }

  /**
   * The subjects or URLs of {@code f} whose words {@code overTwins} matches, as exact terms ({@link Dictionary});
   * the query on the twins itself when only the syntax is being checked.
   */
  private Query values(SearchField f, Query overTwins) {
    return dictionary == null ? overTwins : dictionary.expand(f, overTwins);
  }

  private static Query either(Query a, Query b) {
    if (a == null || b == null) {
      return a == null ? b : a; // a word the analyzer drops (a stop word) in one language only
    }
    return new BooleanQuery.Builder().add(a, BooleanClause.Occur.SHOULD).add(b, BooleanClause.Occur.SHOULD).build();
  }

  private String keyword(SearchField f, String text) throws ParseException {
    return f.kind == SearchField.Kind.COUNTRY ? country(f, text) : text.toLowerCase(Locale.ROOT);
  }

  private String country(SearchField f, String text) throws ParseException {
    String code = Countries.code(text);
    if (code == null) {
      throw new FieldProblem(f.field() + " at column " + column(f.field()) + " must be a country code or name (ES, Spain,"
          + " España) but was '" + text + "'");
    }
    return code;
  }

  private int integer(SearchField f, String text) throws ParseException {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new FieldProblem(f.field() + " at column " + column(f.field()) + " must be a whole number but was '" + text + "'");
    }
  }

  private double decimal(SearchField f, String text) throws ParseException {
    try {
      return Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new FieldProblem(f.field() + " at column " + column(f.field()) + " must be a number but was '" + text + "'");
    }
  }

  private long day(SearchField f, String text) throws ParseException {
    try {
      return LocalDate.parse(text.strip()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new FieldProblem(f.field() + " at column " + column(f.field()) + " must be a day such as 2026-11-03 but was '"
          + text + "'");
    }
  }
}
