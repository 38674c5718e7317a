package dev.starling.rules;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * The rules parser and compiler fed what the fuzzer makes of real rules files (seeds under
 * {@code RuleFileFuzzTestInputs/parse/}): a file compiles, or is refused with a {@link RulesException}
 * whose problems are each one line; nothing else escapes (no YAML or CEL library exception, no
 * NullPointerException) and nothing hangs.
 */
class RuleFileFuzzTest {

  private static final FeatureSchema SCHEMA = FeatureSchema.standard();

  @FuzzTest(maxDuration = "5m")
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    try {
      RuleBook.parse(text, "fuzz.yaml", SCHEMA);
    } catch (RulesException e) {
      for (RuleProblem p : e.problems()) {
        if (p.message().contains("\n")) {
          throw new AssertionError("a problem must be one line: " + p.message(), e);
        }
      }
    }
  }
}
