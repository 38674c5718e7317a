package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReasonTemplateTest {
  private static final FeatureSchema SCHEMA = FeatureSchema.of(List.of(
      new Feature(Subject.SUBSCRIBER, "n", FeatureType.INT, "n"),
      new Feature(Subject.SUBSCRIBER, "d", FeatureType.DOUBLE, "d"),
      new Feature(Subject.SUBSCRIBER, "s", FeatureType.STRING, "s"),
      new Feature(Subject.SUBSCRIBER, "b", FeatureType.BOOL, "b"),
      new Feature(Subject.SUBSCRIBER, "l", FeatureType.STRING_LIST, "l")));

  private static RuleBook book(String reason) {
    return RuleBook.parse("""
        version: 1
        rules:
          - id: r
            title: R
            applies_to: subscriber
            when: "true"
            priority: 5
            reason: '%s'
            cooldown_days: 0
        """.formatted(reason.replace("'", "''")), "r.yaml", SCHEMA);
  }

  private static Features features() {
    return SCHEMA.newFeatures(Subject.SUBSCRIBER).set("n", 12).set("d", 0.8999).set("s", "Acme")
        .set("b", true).set("l", List.of("pricing", "demo")).build();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{{ n }} of 12                 | 12 of 12",
      "{{d}}                         | 0.9",
      "{{ d * 100.0 }}%              | 89.99%",
      "{{ 2.0 / 3.0 }}               | 0.67",
      "{{ 1.0 }}                     | 1",
      "{{ -0.001 }}                  | 0",
      "{{ n / 5 }}                   | 2",
      "{{ l }}                       | pricing, demo",
      "{{ [1.255, 2.0] }}            | 1.26, 2",
      "{{ s }} ({{ b }})             | Acme (true)",
      "no placeholders               | no placeholders",
      "}} stays {{ 'literal' }}      | }} stays literal"})
  void placeholdersPrintForPeople(String template, String expected) {
    assertEquals(expected, book(template).evaluate(features()).get(0).reason());
  }

  @Test
  void placeholderFailingAtRunTimeNamesTheRuleAndPlaceholder() {
    Features f = SCHEMA.newFeatures(Subject.SUBSCRIBER).set("n", 0).build();
    RuleEvaluationException e = assertThrows(RuleEvaluationException.class,
        () -> book("{{ 10 / n }} per open").evaluate(f));
    assertEquals("r.yaml:8: rule 'r': reason placeholder '{{ 10 / n }}': / by zero", e.getMessage());
  }
}
