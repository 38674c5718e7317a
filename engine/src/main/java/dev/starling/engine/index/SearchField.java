package dev.starling.engine.index;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The fields a user may name in a query ({@code company:acme stars:[4 TO 5]}), what kind of value each
 * holds, and whether subscriber documents, account documents or both have it. The query parser, the
 * document builders and {@code --help} all read this one list, so a field cannot be indexed under one
 * name and queried under another.
 */
enum SearchField {
  EMAIL("email", Kind.KEYWORD, true, true, "the address (exact, or email:*@acme.example); accounts: any of its people"),
  NAME("name", Kind.TEXT, true, true, "first and last name (words; accents and case do not matter)"),
  COMPANY("company", Kind.TEXT, true, true, "the company's words: company:acme matches \"Acme Logistics\""),
  DOMAIN("domain", Kind.KEYWORD, true, true, "the address's domain, exact"),
  ACCOUNT("account", Kind.KEYWORD, true, true, "the account key: the company in lower case, or the business domain"),
  COUNTRY("country", Kind.COUNTRY, true, true, "ISO code or name in English or Spanish: ES, Spain and España are one"),
  TAGS("tags", Kind.KEYWORD, true, false, "one of the list's tags"),
  STATUS("status", Kind.KEYWORD, true, false, "active, unsubscribed, complained, hard_bounced (the list's word before the"
      + " first refresh)"),
  STATE("state", Kind.KEYWORD, true, false, "engaged, active, dormant, new, unknown"),
  CONFIDENCE("confidence", Kind.KEYWORD, true, false, "high, medium, low: how much of the opens were machines"),
  STARS("stars", Kind.INT, true, true, "star tier 0-5; an account's best person's"),
  SCORE("score", Kind.DOUBLE, true, true, "engagement score; an account's sum over its people"),
  LAST("last", Kind.DATE, true, true, "day of the last human open or click: last:[2026-11-01 TO *]"),
  PEOPLE("people", Kind.INT, false, true, "an account's number of people"),
  ENGAGED("engaged", Kind.INT, false, true, "an account's number of engaged people"),
  OPENED("opened", Kind.TEXT_EN_ES, true, true, "words of the subjects of campaigns they human-opened"),
  CLICKED("clicked", Kind.TEXT_EN_ES, true, true, "words of the URLs they human-clicked: clicked:pricing");

  /** How a field is indexed and how a query term on it is read. */
  enum Kind {
    /** One exact value per term, lower case. */
    KEYWORD,
    /** An ISO 3166-1 alpha-2 code; the query may say a name. */
    COUNTRY,
    /** Words, folded (case and accents ignored). */
    TEXT,
    /** Words, indexed twice: English and Spanish stemming, either may match. */
    TEXT_EN_ES,
    INT,
    DOUBLE,
    /** A day ({@code 2026-11-03}), indexed as UTC epoch ms. */
    DATE
  }

  private final String user;
  final Kind kind;
  final boolean subscribers;
  final boolean accounts;
  final String help;

  SearchField(String user, Kind kind, boolean subscribers, boolean accounts, String help) {
    this.user = user;
    this.kind = kind;
    this.subscribers = subscribers;
    this.accounts = accounts;
    this.help = help;
  }

  /** The name users write and the index uses. */
  String field() {
    return user;
  }

  /** The English-stemmed twin of a {@link Kind#TEXT_EN_ES} field. */
  String english() {
    return user + "_en";
  }

  /** The Spanish-stemmed twin of a {@link Kind#TEXT_EN_ES} field. */
  String spanish() {
    return user + "_es";
  }

  /** The field named {@code name} (case-insensitive; {@code tag} is {@code tags}), or null. */
  static SearchField byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("tag")) {
      return TAGS;
    }
    for (SearchField f : values()) {
      if (f.user.equals(n)) {
        return f;
      }
    }
    return null;
  }

  /** The field names for an error message or the help: "email, name, ...". */
  static String names(boolean accounts) {
    return Arrays.stream(values()).filter(f -> accounts ? f.accounts : f.subscribers).map(SearchField::field)
        .collect(Collectors.joining(", "));
  }

  /** The text fields a bare word (no field named) is looked for in. */
  static final List<String> DEFAULT_FIELDS = List.of("all");
}
