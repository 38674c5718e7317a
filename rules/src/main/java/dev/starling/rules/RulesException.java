package dev.starling.rules;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything wrong with a rules file, all at once: the message lists one {@code file:line: rule 'id':
 * problem} per line so a person can fix the file in one go. The root of this module's exceptions.
 */
public class RulesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<RuleProblem> problems;

  RulesException(List<RuleProblem> problems) {
    this(problems, null);
  }

  RulesException(List<RuleProblem> problems, Throwable cause) {
    super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")), cause);
    this.problems = List.copyOf(problems);
  }

  /** The problems in file order; never empty. */
  public List<RuleProblem> problems() {
    return problems;
  }
}
