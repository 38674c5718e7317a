package dev.starling.rules;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why a rule fired or did not for one subject: {@code starling explain EMAIL} prints one per rule.
 *
 * @param reason the filled-in reason when the rule fired, else empty
 * @param failed when the rule did not fire, its top-level conditions ({@code a && b && c} gives three)
 *     that were false or could not be evaluated, in the order written; empty when it fired
 */
public record Explanation(Rule rule, Optional<String> reason, List<FailedCondition> failed) {
  public Explanation {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    failed = List.copyOf(failed);
  }

  public boolean fired() {
    return reason.isPresent();
  }

  /**
   * One top-level condition that was not true.
   *
   * @param condition its text as written in the rules file
   * @param values the features it reads that have a value, in order of appearance
   * @param error why it could not be evaluated (a feature without value, division by zero); empty when
   *     it was simply false
   */
  public record FailedCondition(String condition, Map<String, Object> values, Optional<String> error) {
    public FailedCondition {
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(error, "error");
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** {@code open_ratio >= 0.9 was false (open_ratio = 0.89)}. */
    public String describe() {
      String vals = values.entrySet().stream()
          .map(e -> e.getKey() + " = " + literal(e.getValue()))
          .collect(Collectors.joining(", "));
      return condition + error.map(e -> " could not be evaluated: " + e).orElse(" was false")
          + (vals.isEmpty() ? "" : " (" + vals + ")");
    }
  }

  /**
   * The text {@code starling explain} prints: a headline, then one indented line per failed
   * condition, e.g.
   *
   * <pre>
   * star-subscriber (priority 1, Star subscriber): not fired
   *   open_ratio >= 0.9 was false (open_ratio = 0.89)
   * </pre>
   */
  public String describe() {
    String head = rule.id() + " (priority " + rule.priority() + ", " + rule.title() + "): ";
    if (fired()) {
      return head + "fired: " + reason.get();
    }
    StringBuilder sb = new StringBuilder(head).append("not fired");
    for (FailedCondition f : failed) {
      sb.append("\n  ").append(f.describe());
    }
    return sb.toString();
  }

  /** A value as it would be written in a condition: strings quoted, lists in brackets. */
  static String literal(Object value) {
    return switch (value) {
      case String s -> '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
      case Collection<?> c -> c.stream().map(Explanation::literal).collect(Collectors.joining(", ", "[", "]"));
      default -> String.valueOf(value);
    };
  }
}
