package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of mistake in a rules file gives the promised message, with file, line and rule id. */
class RuleFileErrorsTest {
  private static final FeatureSchema SCHEMA = FeatureSchema.standard();

  /** A valid one-rule file; cases replace one line of it. */
  private static final String GOOD = """
      version: 1
      rules:
        - id: star
          title: Star subscriber
          applies_to: subscriber
          when: received >= 5 && open_ratio >= 0.9
          priority: 1
          reason: "opened {{ last_n_opened }} of the last {{ last_n }}"
          cooldown_days: 28
      """;

  private static String with(String line, String replacement) {
    String[] lines = GOOD.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String key = lines[i].strip().replaceFirst("^- ", "");
      if (key.startsWith(line + ":")) {
        String indent = lines[i].substring(0, lines[i].indexOf(lines[i].strip()));
        lines[i] = replacement.isEmpty() ? null : indent + replacement;
        return String.join("\n", Stream.of(lines).filter(l -> l != null).toList());
      }
    }
    throw new IllegalArgumentException(line);
  }

  static Stream<Arguments> badFiles() {
    return Stream.of(
        Arguments.of("unknown key", GOOD.replace("    cooldown_days: 28", "    cooldown_days: 28\n    colour: red"),
            "r.yaml:10: rule 'star': unknown key 'colour' (accepted keys: id, title, applies_to, when, priority, reason, cooldown_days)"),
        Arguments.of("missing key", with("when", ""),
            "r.yaml:3: rule 'star': missing key 'when'"),
        Arguments.of("priority out of range", with("priority", "priority: 9"),
            "r.yaml:7: rule 'star': priority must be 1..5 but was 9"),
        Arguments.of("priority not a number", with("priority", "priority: high"),
            "r.yaml:7: rule 'star': priority must be a whole number 1..5 but was 'high'"),
        Arguments.of("cooldown negative", with("cooldown_days", "cooldown_days: -1"),
            "r.yaml:9: rule 'star': cooldown_days must be 0..3650 but was -1"),
        Arguments.of("bad applies_to", with("applies_to", "applies_to: person"),
            "r.yaml:5: rule 'star': applies_to must be subscriber or account but was 'person'"),
        Arguments.of("bad id", with("id", "- id: Star Sub"),
            "r.yaml:3: rule 'Star Sub': id must be lower-case letters, digits and '-' (like 'star-subscriber') but was 'Star Sub'"),
        Arguments.of("empty title", with("title", "title:"),
            "r.yaml:4: rule 'star': title must not be empty"),
        Arguments.of("duplicate key", with("priority", "priority: 1\n    priority: 2"),
            "r.yaml:8: rule 'star': duplicate key 'priority' (first on line 7)"),
        Arguments.of("list where a value belongs", with("title", "title: [a, b]"),
            "r.yaml:4: rule 'star': title must be a single value but was a list"),
        Arguments.of("unknown variable", with("when", "when: received >= 5 && opn_ratio >= 0.9"),
            "r.yaml:6: rule 'star': when: unknown subscriber feature 'opn_ratio' (column 18); did you mean 'open_ratio'?"),
        Arguments.of("account feature in a subscriber rule", with("when", "when: engaged_14d >= 3"),
            "r.yaml:6: rule 'star': when: unknown subscriber feature 'engaged_14d' (column 1); 'engaged_14d' is an account feature, and this rule applies_to subscriber"),
        Arguments.of("type error", with("when", "when: received >= '5'"),
            "r.yaml:6: rule 'star': when: column 10: '>=' compares a number with text: '5' in quotes is text; write 5 without quotes"),
        Arguments.of("not a condition", with("when", "when: received + 1"),
            "r.yaml:6: rule 'star': when must be a condition (true or false) but has type int"),
        Arguments.of("syntax error", with("when", "when: received >= 5 &&"),
            "r.yaml:6: rule 'star': when: column 17: the condition ends too early: after '&&' a value was expected"),
        Arguments.of("invalid regular expression", with("when", "when: \"email.matches('[a-')\""),
            "r.yaml:6: rule 'star': when: invalid regular expression '[a-': missing closing ]"),
        Arguments.of("folded condition names the key's line", with("when", "when: >-\n      received >= 5 &&\n      opn_ratio >= 0.9"),
            "r.yaml:6: rule 'star': when: unknown subscriber feature 'opn_ratio' (column 18); did you mean 'open_ratio'?"),
        Arguments.of("YAML tag", with("when", "when: !was_star"),
            "r.yaml:6: rule 'star': when starts with '!was_star', which YAML reads as a tag; put the whole value in double quotes"),
        Arguments.of("YAML syntax", with("when", "when: 'a' == email"),
            "r.yaml:6: YAML syntax error at column 15: text after the closing quote; put the whole value in double quotes"),
        Arguments.of("unclosed list gave two errors and a wrong fix", with("priority", "priority: [2"),
            "r.yaml:7: YAML syntax error at column 15: '[' starts a list that is never closed with ']'; priority takes one value: write 'priority: 2'"),
        Arguments.of("unclosed quote", with("reason", "reason: \"opened it"),
            "r.yaml:8: YAML syntax error at column 13: the quote opened here is never closed; end the value with the same quote"),
        Arguments.of("tab indentation", with("priority", "\tpriority: 1"),
            "r.yaml:7: YAML syntax error at column 5: a tab character; indent with spaces only"),
        Arguments.of("colon inside an unquoted value", with("title", "title: Star: the best"),
            "r.yaml:4: YAML syntax error at column 16: a second ': ' on one line; if it belongs to the value, put the whole value in double quotes"),
        Arguments.of("misspelt key suggests the closest", with("priority", "prority: 1"),
            "r.yaml:7: rule 'star': unknown key 'prority'; did you mean 'priority'?"),
        Arguments.of("misspelt top-level key", GOOD.replace("version: 1", "verison: 1"),
            "r.yaml:1: unknown key 'verison'; did you mean 'version'?"),
        Arguments.of("reason placeholder unknown", with("reason", "reason: \"{{ opens }} opens\""),
            "r.yaml:8: rule 'star': reason placeholder '{{ opens }}': unknown subscriber feature 'opens' (column 1)"),
        Arguments.of("reason placeholder syntax", with("reason", "reason: \"{{ received + }}\""),
            "r.yaml:8: rule 'star': reason placeholder '{{ received + }}': column 11: the condition ends too early: after '+' a value was expected"),
        Arguments.of("reason placeholder unclosed", with("reason", "reason: \"opened {{ last_n_opened\""),
            "r.yaml:8: rule 'star': reason has '{{' at column 8 without a closing '}}'"),
        Arguments.of("reason placeholder empty", with("reason", "reason: \"a {{ }} b\""),
            "r.yaml:8: rule 'star': reason has an empty placeholder '{{ }}' at column 3"),
        Arguments.of("reason placeholder a map", with("reason", "reason: \"{{ {'a': received} }}\""),
            "r.yaml:8: rule 'star': reason placeholder '{{ {'a': received} }}' has type map(string, int); a placeholder must give int, double, string, bool or a list of those"),
        Arguments.of("wrong version", GOOD.replace("version: 1", "version: 2"),
            "r.yaml:1: version must be 1 but was 2"),
        Arguments.of("no version", GOOD.replace("version: 1\n", ""),
            "r.yaml:1: missing key 'version' (expected 'version: 1')"),
        Arguments.of("unknown top-level key", GOOD.replace("version: 1", "version: 1\nowner: sales"),
            "r.yaml:2: unknown key 'owner' (accepted keys: version, rules)"),
        Arguments.of("empty file", "", "r.yaml:1: the file is empty; expected 'version: 1' and 'rules:'"),
        Arguments.of("not a mapping", "- a\n- b\n",
            "r.yaml:1: the file must be a mapping with keys 'version' and 'rules' but is a list"),
        Arguments.of("rules not a list", "version: 1\nrules: star\n",
            "r.yaml:2: rules must be a list of rules ('- id: …') but was a single value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFileGivesExactMessage(String name, String yaml, String expected) {
    RulesException e = assertThrows(RulesException.class, () -> RuleBook.parse(yaml, "r.yaml", SCHEMA));
    assertEquals(expected, e.getMessage());
    assertEquals(1, e.problems().size());
  }

  @Test
  void allProblemsOfAFileAreReportedAtOnceInFileOrder() {
    String yaml = """
        version: 1
        rules:
          - id: star
            title: Star
            applies_to: subscriber
            when: received >= 5 && open_ratio >= 0.9
            priority: 9
            reason: "x"
            cooldown_days: 28
          - id: star
            title: Again
            applies_to: subscriber
            when: opened > 3
            priority: 1
            reason: "{{ nope }}"
          - title: No id
            applies_to: account
            when: engaged_14d >= 3
            priority: 1
            reason: "x"
            cooldown_days: 7
        """;
    RulesException e = assertThrows(RulesException.class, () -> RuleBook.parse(yaml, "rules.yaml", SCHEMA));
    assertEquals("""
        rules.yaml:7: rule 'star': priority must be 1..5 but was 9
        rules.yaml:10: rule 'star': missing key 'cooldown_days'
        rules.yaml:10: rule 'star': duplicate rule id 'star' (first used on line 3)
        rules.yaml:13: rule 'star': when: unknown subscriber feature 'opened' (column 1)
        rules.yaml:15: rule 'star': reason placeholder '{{ nope }}': unknown subscriber feature 'nope' (column 1)
        rules.yaml:16: rule #3: missing key 'id'""", e.getMessage());
    assertEquals(new RuleProblem("rules.yaml", 16, Optional.empty(), "rule #3: missing key 'id'"),
        e.problems().get(5));
    assertEquals(Optional.of("star"), e.problems().get(0).ruleId());
  }

  @Test
  void aSyntaxErrorBeforeARuleEndsThrewNullPointerException() {
    String yaml = "version: 1\nrules:\n  - id: star\n    title: Star\n  applies_to: subscriber\n";
    RulesException e = assertThrows(RulesException.class, () -> RuleBook.parse(yaml, "r.yaml", SCHEMA));
    assertEquals("r.yaml:5: YAML syntax error at column 3: this line is not indented like the lines above it;"
        + " keys of one section line up", e.getMessage());
  }

  @Test
  void unreadableFileNamesThePath(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    RulesException e = assertThrows(RulesException.class, () -> RuleBook.load(missing, SCHEMA));
    assertEquals(List.of(0), e.problems().stream().map(RuleProblem::line).toList());
    assertEquals(missing + ":0: cannot read the rules file: java.nio.file.NoSuchFileException: " + missing,
        e.getMessage());
  }

  @Test
  void loadReadsAFileAndNamesItInRules(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("rules.yaml");
    Files.writeString(file, GOOD);
    RuleBook book = RuleBook.load(file, SCHEMA);
    assertEquals(List.of("star"), book.rules().stream().map(Rule::id).toList());
    assertEquals(file.toString(), book.rules().get(0).source());
    assertEquals(3, book.rules().get(0).line());
  }
}
