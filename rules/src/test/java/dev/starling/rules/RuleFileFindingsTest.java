package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What RuleFileFuzzTest found, each replayed from the input it saved. */
class RuleFileFindingsTest {

  @Test
  void byteBeforeWhenKeyHidTheKeyAfterASyntaxErrorAndRulesConstructorThrewNullPointerException() throws IOException {
    String text;
    try (InputStream in = getClass().getResourceAsStream("RuleFileFuzzTestInputs/parse/finding-when-key-unreadable.yaml")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // before: NullPointerException "when" from Rule's constructor; now the file's problems are reported
    RulesException e = assertThrows(RulesException.class, () -> RuleBook.parse(text, "r.yaml", FeatureSchema.standard()));
    assertFalse(e.problems().isEmpty());
  }
}
