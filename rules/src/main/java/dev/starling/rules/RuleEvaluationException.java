package dev.starling.rules;

import java.util.List;

/**
 * A rule that loaded fine could not be evaluated for one subject: a feature it uses has no value, or
 * the expression failed at run time (division by zero, index out of range). The single problem
 * names the rule and the place of its {@code when} or {@code reason}.
 */
public final class RuleEvaluationException extends RulesException {
  private static final long serialVersionUID = 1L;

  RuleEvaluationException(RuleProblem problem, Throwable cause) {
    super(List.of(problem), cause);
  }

  /** The id of the rule that failed. */
  public String ruleId() {
    return problems().get(0).ruleId().orElseThrow();
  }
}
