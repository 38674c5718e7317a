package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** explain splits a condition into its top-level conjuncts as written, and reports the false ones. */
class ExplainTest {
  private static final FeatureSchema SCHEMA = FeatureSchema.standard();

  private static Explanation explain(String when) {
    RuleBook book = RuleBook.parse("""
        version: 1
        rules:
          - id: r
            title: R
            applies_to: subscriber
            when: "%s"
            priority: 2
            reason: "x"
            cooldown_days: 0
        """.formatted(when), "r.yaml", SCHEMA);
    Features f = DefaultRulesTest.quietSubscriber().set("received", 3).set("streak", 0)
        .set("open_ratio", 0.25).set("email", "a&&b@acme.example").build();
    return book.explain(f).get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = "=>", quoteCharacter = '"', value = {
      "received >= 5 && open_ratio >= 0.9 => received >= 5 ; open_ratio >= 0.9",
      "(received >= 5 && streak > 1) && open_ratio >= 0.9 => (received >= 5 && streak > 1) ; open_ratio >= 0.9",
      "received >= 5 || streak > 1 && open_ratio > 0.1 => received >= 5 || streak > 1 && open_ratio > 0.1",
      "clicked_urls.exists(u, u != '' && u.size() > 100) && received > 5 => clicked_urls.exists(u, u != '' && u.size() > 100) ; received > 5",
      "email != 'x && y' && received > 5 => received > 5",
      "received > 1 && (streak > 0 || open_ratio > 0.5) => (streak > 0 || open_ratio > 0.5)"})
  void falseConjunctsAsWritten(String when, String expectedFalse) {
    List<String> failed = explain(when).failed().stream().map(Explanation.FailedCondition::condition).toList();
    assertEquals(List.of(expectedFalse.split(" ; ")), failed);
  }

  @Test
  void failedConditionCarriesTheValuesItReads() {
    Explanation e = explain("received >= 5 && email.startsWith('z') && open_ratio >= 0.9");
    assertEquals(List.of(
            new Explanation.FailedCondition("received >= 5", Map.of("received", 3L), Optional.empty()),
            new Explanation.FailedCondition("email.startsWith('z')", Map.of("email", "a&&b@acme.example"),
                Optional.empty()),
            new Explanation.FailedCondition("open_ratio >= 0.9", Map.of("open_ratio", 0.25), Optional.empty())),
        e.failed());
    assertEquals("""
        r (priority 2, R): not fired
          received >= 5 was false (received = 3)
          email.startsWith('z') was false (email = "a&&b@acme.example")
          open_ratio >= 0.9 was false (open_ratio = 0.25)""", e.describe());
  }

  @Test
  void accountRulesAreExplainedForAccounts() {
    RuleBook book = RuleBook.defaults(SCHEMA);
    Features account = DefaultRulesTest.quietAccount().build();
    assertEquals(List.of("""
        account-surge (priority 1, Account surge): not fired
          newly_engaged_14d >= 3 was false (newly_engaged_14d = 1)"""),
        book.explain(account).stream().map(Explanation::describe).toList());
  }
}
