package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conditions cannot reach Java, files, the network or the clock: CEL has none of them, and anything
 * undeclared fails at load. CEL's own string and list functions do work.
 */
class SandboxTest {
  private static final FeatureSchema SCHEMA = FeatureSchema.standard();

  private static RuleBook book(String when) {
    String yaml = """
        version: 1
        rules:
          - id: probe
            title: Probe
            applies_to: subscriber
            when: "%s"
            priority: 1
            reason: "x"
            cooldown_days: 0
        """.formatted(when.replace("\"", "\\\""));
    return RuleBook.parse(yaml, "probe.yaml", SCHEMA);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "''.getClass() == ''                        | when: unknown function 'getClass' (column 12); only CEL's standard functions are available",
      "exec('rm -rf /') == 0                      | when: unknown function 'exec' (column 5); only CEL's standard functions are available",
      "java.lang.System.exit(1) == 0              | when: unknown subscriber feature 'java' (column 1)",
      "now() > timestamp('2024-01-01T00:00:00Z')  | when: unknown function 'now' (column 4); only CEL's standard functions are available",
      "email.openConnection() == null             | when: unknown function 'openConnection' (column 21); only CEL's standard functions are available",
      "Runtime.getRuntime() == null               | when: unknown subscriber feature 'Runtime' (column 1)"})
  void reachingOutsideCelFailsAtLoad(String when, String expected) {
    RulesException e = assertThrows(RulesException.class, () -> book(when));
    List<String> messages = e.problems().stream().map(RuleProblem::message).toList();
    assertEquals(expected, messages.get(0));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "email.startsWith('ann@')                                   | true",
      "email.endsWith('.example') && domain.contains('acme')      | true",
      "email.matches('^[a-z]+@acme[.]example$')                    | true",
      "size(clicked_urls) == 2 && size(email) == 16               | true",
      "clicked_urls.exists(u, u.contains('/pricing'))             | true",
      "clicked_urls.all(u, u.startsWith('https://'))              | true",
      "size(clicked_urls.filter(u, u.endsWith('/blog'))) == 0     | true",
      "'pricing' in high_intent_pages                             | true",
      "company != '' && state in ['engaged', 'active']            | true",
      "open_ratio >= 1                                            | false",
      "double(human_opens) / double(received) > 0.5              | true",
      "int(score) == 2                                            | true"})
  void celStringAndListFunctionsWork(String when, boolean expected) {
    Features f = DefaultRulesTest.quietSubscriber()
        .set("clicked_urls", List.of("https://acme.example/pricing", "https://acme.example/about"))
        .set("high_intent_pages", List.of("pricing"))
        .set("human_opens", 6).set("received", 10).build();
    assertEquals(expected, !book(when).evaluate(f).isEmpty());
  }
}
