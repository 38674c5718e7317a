package dev.starling.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of mistake in a query, and the one line it gives. */
class UserQueryParserTest {
  private static final String SUBSCRIBER_FIELDS = "email, name, company, domain, account, country, tags, status, state,"
      + " confidence, stars, score, last, opened, clicked";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      company:(acme           | malformed query at column 14: it ends too early (an unclosed '(' or '[', or an operator with nothing after it?)
      stars:[4 TO             | malformed query at column 12: it ends too early (an unclosed '(' or '[', or an operator with nothing after it?)
      AND acme                | malformed query at column 1: unexpected 'AND'
      acme OR OR globex       | malformed query at column 9: unexpected 'OR'
      name:"ana               | malformed query at column 10: it ends inside a quote or after a backslash
      stars:[4 TO x]          | stars at column 1 must be a whole number but was 'x'
      score:high              | score at column 1 must be a number but was 'high'
      country:ES last:[ayer TO *] | last at column 12 must be a day such as 2026-11-03 but was 'ayer'
      country:Narnia          | country at column 1 must be a country code or name (ES, Spain, España) but was 'Narnia'
      stars:4* | field 'stars' at column 1 holds numbers: no wildcards, use a range such as stars:[1 TO *]
      clicked:[a TO b]        | field 'clicked' at column 1 holds words: a range [a TO b] works on numbers, days and exact values only
      [1 TO 5]                | a range [a TO b] needs a field name, e.g. stars:[4 TO 5]
      ``                      | the query is empty: give words or field:value, e.g. company:acme stars:[4 TO 5]
      """)
  void aMalformedQueryIsOneLineNamingTheColumn(String query, String message) {
    SearchQueryException e = assertThrows(SearchQueryException.class,
        () -> new UserQueryParser(IndexSchema.analyzer(), query, false).parse());
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      colour:red      | unknown field 'colour' at column 1 (fields for subscribers: %s)
      acme people:3   | unknown field 'people' at column 6 (fields for subscribers: %s)
      """)
  void anUnknownFieldListsTheFieldsThereAre(String query, String message) {
    SearchQueryException e = assertThrows(SearchQueryException.class,
        () -> new UserQueryParser(IndexSchema.analyzer(), query, false).parse());
    assertEquals(message.formatted(SUBSCRIBER_FIELDS), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      stars:[4 TO 5]                  | stars:[4 TO 5]
      stars:{3 TO 5}                  | stars:[4 TO 4]
      country:españa                  | ConstantScore(country:ES)
      tags:Customer                   | ConstantScore(tags:customer)
      Acme                            | name:acme company:acme ConstantScore(domain:acme) ConstantScore(account:acme) ConstantScore(tags:acme) (opened_en:acm opened_es:acme) (clicked_en:acm clicked_es:acme)
      """)
  void fieldsAreReadTheirOwnWay(String query, String parsed) {
    assertEquals(parsed, new UserQueryParser(IndexSchema.analyzer(), query, false).parse().toString());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      stars:[4 TO 5] AND NOT country:FR | true
      score:[5 TO *] tags:customer      | true
      last:[2026-11-01 TO *]            | true
      email:a*                          | true
      company:acme                      | false
      country:ES OR state:engaged       | false
      """)
  void onlyQueriesWhoseMatchesAllScoreTheSameAreOrderedByKeyAlone(String query, boolean uniform) {
    assertEquals(uniform, Snapshot.uniformScore(new UserQueryParser(IndexSchema.analyzer(), query, false).parse()));
  }
}
