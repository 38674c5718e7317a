package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The common mistakes in a condition, each with the plain message it gets instead of CEL's grammar
 * dump ({@code mismatched input '<EOF>' expecting {'[', '{', … NUM_FLOAT, NUM_INT, …}}) or overload
 * table ({@code found no matching overload for '_>=_' applied to '(int, string)'}).
 */
class ConditionErrorsTest {
  private static String file(String when) {
    return """
        version: 1
        rules:
          - id: star
            title: Star
            applies_to: subscriber
            when: "%s"
            priority: 1
            reason: "x"
            cooldown_days: 28
        """.formatted(when);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '§', quoteCharacter = '`', value = {
      "open_ratio >= 90%                  § column 15: after '>=' a number was expected, e.g. 0.9; '90%' is not a number here",
      "open_ratio >= 90% && received > 3  § column 15: after '>=' a number was expected, e.g. 0.9; '90%' is not a number here",
      "received > 3 && open_ratio > 75 %  § column 30: after '>' a number was expected, e.g. 0.75; '75 %' is not a number here",
      "open_ratio > 0,9                   § column 14: '0,9' is not a number here; write decimals with a point, e.g. 0.9",
      "open_ratio >= 0.9 &&               § column 21: the condition ends too early: after '&&' a value was expected",
      "open_ratio =>  0.9                 § column 12: '=>' is not an operator; write '>='",
      "open_ratio = 0.9                   § column 12: '=' is not an operator; write '==' to compare",
      "open_ratio >= 0.9 and received > 3 § column 19: 'and' is not an operator here; write '&&' for and",
      "open_ratio >= 0.9 OR received > 3  § column 19: 'OR' is not an operator here; write '||' for or",
      "(received > 3                      § column 14: a '(' is never closed; add ')'",
      "received > 3)                      § column 13: a ')' without its '('",
      "received > 3 received < 5          § column 14: 'received' was not expected here; join two conditions with '&&' (and) or '||' (or)",
      "email == 'a                        § column 10: the quote ' opened here is never closed",
      "received >= '5'                    § column 10: '>=' compares a number with text: '5' in quotes is text; write 5 without quotes",
      "received == 'a'                    § column 10: '==' compares a number with text; both sides must be numbers, or both text",
      "received && true                   § column 10: '&&' joins conditions (true or false) but its left side is a number; compare it, e.g. received > 0",
      "open_ratio >= 1 || open_ratio      § column 17: '||' joins conditions (true or false) but its right side is a number; compare it, e.g. received > 0",
      "size(email) + 'a' > 2              § column 13: '+' cannot combine a number with text",
      "!received                          § column 1: '!' cannot be applied to a number",
      "received.contains('a')             § column 18: 'contains' cannot be called on a number; it works on text",
      "email.startsWith(3)                § column 17: 'startsWith' takes text in its parentheses, e.g. email.startsWith('sales'), not a number",
      "recieved > 3                       § unknown subscriber feature 'recieved' (column 1); did you mean 'received'?",
      "domain == ACME                     § unknown subscriber feature 'ACME' (column 11); if ACME is text, put it in quotes: 'ACME'",
  })
  void celErrorsWereParserJargon(String when, String message) {
    RulesException e = assertThrows(RulesException.class, () -> RuleBook.parse(file(when), "r.yaml", FeatureSchema.standard()));
    assertEquals("r.yaml:6: rule 'star': when: " + message, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void aSubscriberFeatureInAnAccountRuleSaidAnSubscriberFeature() {
    String yaml = file("received >= 3").replace("applies_to: subscriber", "applies_to: account");
    RulesException e = assertThrows(RulesException.class, () -> RuleBook.parse(yaml, "r.yaml", FeatureSchema.standard()));
    assertEquals("r.yaml:6: rule 'star': when: unknown account feature 'received' (column 1); 'received' is a subscriber"
        + " feature, and this rule applies_to account", e.getMessage());
  }
}
