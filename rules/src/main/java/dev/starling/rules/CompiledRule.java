package dev.starling.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import dev.starling.rules.ExpressionCompiler.Compiled;
import dev.starling.rules.ReasonTemplate.PlaceholderException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A {@link Rule} with its condition and reason compiled, and the lines to blame when they fail. */
record CompiledRule(
    Rule rule, Condition condition, ReasonTemplate reason, int whenLine, int reasonLine,
    FeatureLayout layout, int[] slots) {
  private static final Pattern CEL_PREFIX = Pattern.compile("^evaluation error at <input>:\\d+: ");

  static CompiledRule of(Rule rule, Condition condition, ReasonTemplate reason, int whenLine,
      int reasonLine, FeatureLayout layout) {
    int[] slots = condition.whole().features().stream().mapToInt(f -> layout.slot(f.name())).toArray();
    return new CompiledRule(rule, condition, reason, whenLine, reasonLine, layout, slots);
  }

  boolean test(Features features) {
    // CEL forgives an error beside a false ("false && missing" is false), so a feature the engine
    // forgot would go unnoticed on some subjects only. Check them all, every time: it costs a few ns.
    if (features.layout() == layout) {
      for (int slot : slots) {
        if (features.value(slot) == null) {
          throw failure(whenLine, "when", condition.whole().features(), features, null);
        }
      }
    } else {
      for (Feature f : condition.whole().features()) {
        if (features.layout().slot(f.name()) < 0 || features.get(f.name()).isEmpty()) {
          throw failure(whenLine, "when", condition.whole().features(), features, null);
        }
      }
    }
    Object result;
    try {
      result = condition.whole().program().eval(features.resolver());
    } catch (CelEvaluationException e) {
      throw failure(whenLine, "when", condition.whole().features(), features, e);
    }
    if (result instanceof Boolean b) {
      return b;
    }
    // The planner runtime throws on a missing variable; never trust an unknown set to mean false.
    throw new RuleEvaluationException(problem(whenLine, "when gave " + result + " instead of true or false"), null);
  }

  String reason(Features features) {
    try {
      return reason.render(features);
    } catch (PlaceholderException e) {
      throw failure(reasonLine, "reason placeholder '{{ " + e.expression.text() + " }}'",
          e.expression.features(), features, (CelEvaluationException) e.getCause());
    }
  }

  /** Evaluates one conjunct for explain: its value, or the message of why it could not be evaluated. */
  static Object evaluate(Compiled conjunct, CelVariableResolver variables, Features features) {
    try {
      return conjunct.program().eval(variables);
    } catch (CelEvaluationException e) {
      return new Failure(describe(conjunct.features(), features, e));
    }
  }

  /** Why a conjunct could not be evaluated. */
  record Failure(String message) {}

  private RuleEvaluationException failure(
      int line, String what, List<Feature> used, Features features, CelEvaluationException e) {
    return new RuleEvaluationException(problem(line, what + ": " + describe(used, features, e)), e);
  }

  private static String describe(List<Feature> used, Features features, CelEvaluationException e) {
    List<String> missing = used.stream().map(Feature::name)
        .filter(n -> features.layout().slot(n) < 0 || features.get(n).isEmpty()).toList();
    if (!missing.isEmpty()) {
      return (missing.size() == 1 ? "feature '" + missing.get(0) + "' has" : "features " + missing + " have")
          + " no value for this " + features.subject().key();
    }
    return e == null ? "failed" : CEL_PREFIX.matcher(String.valueOf(e.getMessage())).replaceFirst("");
  }

  private RuleProblem problem(int line, String message) {
    return new RuleProblem(rule.source(), line, Optional.of(rule.id()), message);
  }
}
