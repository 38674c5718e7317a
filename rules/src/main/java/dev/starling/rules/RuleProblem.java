package dev.starling.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with a rules file (or with evaluating one of its rules), with its place.
 *
 * @param source the file name or resource
 * @param line 1-based line in {@code source}
 * @param ruleId the rule concerned, when the problem belongs to a rule that has an id
 * @param message what is wrong, which value, and what was expected
 */
public record RuleProblem(String source, int line, Optional<String> ruleId, String message) {
  public RuleProblem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line: rule 'id': problem}, the form every message uses. */
  @Override
  public String toString() {
    return source + ":" + line + ": " + ruleId.map(id -> "rule '" + id + "': ").orElse("") + message;
  }
}
