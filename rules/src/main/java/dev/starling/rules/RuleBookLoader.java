package dev.starling.rules;

import dev.cel.common.types.CelKind;
import dev.starling.rules.ExpressionCompiler.Compiled;
import dev.starling.rules.RuleFileParser.RawFile;
import dev.starling.rules.RuleFileParser.RawRule;
import dev.starling.rules.RuleFileParser.Scalar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks what {@link RuleFileParser} read: values in range, ids unique, conditions and reasons
 * compiled. Every problem of the file is collected before anything is thrown.
 */
final class RuleBookLoader {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final int MAX_COOLDOWN_DAYS = 3650;

  private final String source;
  private final FeatureSchema schema;
  private final List<RuleProblem> problems = new ArrayList<>();
  private ExpressionCompiler compiler;

  private RuleBookLoader(String source, FeatureSchema schema) {
    this.source = source;
    this.schema = schema;
  }

  static List<CompiledRule> load(String text, String source, FeatureSchema schema) {
    return new RuleBookLoader(source, schema).load(text);
  }

  private List<CompiledRule> load(String text) {
    RawFile raw = RuleFileParser.read(text);
    raw.problems().forEach(p -> problems.add(new RuleProblem(source, p.line(), Optional.empty(), p.message())));
    raw.version().ifPresent(v -> {
      if (!"1".equals(v.text())) {
        problems.add(new RuleProblem(source, v.line(), Optional.empty(),
            "version must be 1 but was " + (v.text() == null ? "empty" : v.text())));
      }
    });
    List<CompiledRule> rules = new ArrayList<>();
    Map<String, Integer> idLines = new HashMap<>();
    for (RawRule r : raw.rules()) {
      if (r.truncated) {
        r.problems.forEach(p -> problems.add(
            new RuleProblem(source, p.line(), Optional.empty(), "rule #" + r.number + ": " + p.message())));
        continue;
      }
      check(r, idLines, raw.syntaxError()).ifPresent(rules::add);
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(RuleProblem::line));
      throw new RulesException(problems);
    }
    return List.copyOf(rules);
  }

  private Optional<CompiledRule> check(RawRule r, Map<String, Integer> idLines, boolean syntaxError) {
    Scalar idValue = r.values.get("id");
    Optional<String> ruleId = idValue == null || idValue.text() == null || idValue.text().isBlank()
        ? Optional.empty() : Optional.of(idValue.text().strip());
    RuleContext ctx = new RuleContext(r, ruleId);
    r.problems.forEach(p -> ctx.problem(p.line(), p.message()));
    for (String key : RuleFileParser.RULE_KEYS) {
      // After a YAML syntax error a key may well be there, unread: do not send people looking for it.
      if (!syntaxError && !r.keys.contains(key) && !r.misspelt.contains(key)) {
        ctx.problem(r.line, "missing key '" + key + "'");
      }
    }
    if (ruleId.isPresent()) {
      String id = ruleId.get();
      if (!ID.matcher(id).matches()) {
        ctx.problem(idValue.line(),
            "id must be lower-case letters, digits and '-' (like 'star-subscriber') but was '" + id + "'");
      }
      Integer first = idLines.putIfAbsent(id, idValue.line());
      if (first != null) {
        ctx.problem(idValue.line(), "duplicate rule id '" + id + "' (first used on line " + first + ")");
      }
    } else if (idValue != null) {
      ctx.problem(idValue.line(), "id must not be empty");
    }
    String title = text(ctx, "title");
    String when = text(ctx, "when");
    String reasonText = text(ctx, "reason");
    Subject subject = null;
    Scalar applies = r.values.get("applies_to");
    if (applies != null) {
      subject = Subject.fromKey(applies.text() == null ? "" : applies.text().strip()).orElse(null);
      if (subject == null) {
        ctx.problem(applies.line(), "applies_to must be subscriber or account but was "
            + quoted(applies.text()));
      }
    }
    int priority = number(ctx, "priority", Rule.HIGHEST_PRIORITY, Rule.LOWEST_PRIORITY);
    int cooldown = number(ctx, "cooldown_days", 0, MAX_COOLDOWN_DAYS);

    Condition condition = null;
    ReasonTemplate reason = null;
    if (subject != null && when != null) {
      condition = condition(ctx, subject, when);
    }
    if (subject != null && reasonText != null) {
      List<String> errors = new ArrayList<>();
      reason = ReasonTemplate.compile(reasonText, subject, schema.layout(subject), compiler(), errors)
          .orElse(null);
      errors.forEach(e -> ctx.problem(r.values.get("reason").line(), e));
    }
    if (ctx.failed || syntaxError || ruleId.isEmpty() || title == null || when == null || reasonText == null || subject == null) {
      // After a YAML syntax error a key may be missing unreported (see above): the syntax error is the
      // problem; building the rule would throw (found by RuleFileFuzzTest).
      return Optional.empty();
    }
    Rule rule = new Rule(ruleId.orElseThrow(), title, subject, when, priority, reasonText, cooldown, source, r.line);
    return Optional.of(CompiledRule.of(rule, condition, reason,
        r.values.get("when").line(), r.values.get("reason").line(), schema.layout(subject)));
  }

  private Condition condition(RuleContext ctx, Subject subject, String when) {
    int line = ctx.rule.values.get("when").line();
    List<String> errors = new ArrayList<>();
    Optional<Compiled> compiled = compiler().compile(subject, when, errors);
    errors.forEach(e -> ctx.problem(line, "when: " + e));
    if (compiled.isEmpty()) {
      return null;
    }
    var type = compiled.get().ast().getResultType();
    if (type.kind() != CelKind.BOOL) {
      ctx.problem(line, "when must be a condition (true or false) but has type "
          + ExpressionCompiler.typeName(type));
      return null;
    }
    return Condition.of(compiled.get(), subject, compiler());
  }

  private ExpressionCompiler compiler() {
    if (compiler == null) {
      compiler = new ExpressionCompiler(schema);
    }
    return compiler;
  }

  /** The non-blank text of {@code key}, or null (with a problem when the key was there but empty). */
  private static String text(RuleContext ctx, String key) {
    Scalar s = ctx.rule.values.get(key);
    if (s == null) {
      return null;
    }
    if (s.text() == null || s.text().isBlank()) {
      ctx.problem(s.line(), key + " must not be empty");
      return null;
    }
    return s.text().strip();
  }

  private static int number(RuleContext ctx, String key, int min, int max) {
    Scalar s = ctx.rule.values.get(key);
    if (s == null) {
      return min;
    }
    String t = s.text() == null ? "" : s.text().strip();
    try {
      int n = Integer.parseInt(t);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      ctx.problem(s.line(), key + " must be a whole number " + min + ".." + max + " but was " + quoted(s.text()));
      return min;
    }
    ctx.problem(s.line(), key + " must be " + min + ".." + max + " but was " + t);
    return min;
  }

  private static String quoted(String text) {
    return text == null ? "empty" : "'" + text + "'";
  }

  /** Collects one rule's problems under its id, or under "rule #n" when it has none. */
  private final class RuleContext {
    final RawRule rule;
    final Optional<String> id;
    boolean failed;

    RuleContext(RawRule rule, Optional<String> id) {
      this.rule = rule;
      this.id = id;
    }

    void problem(int line, String message) {
      failed = true;
      problems.add(new RuleProblem(source, line, id, id.isPresent() ? message : "rule #" + rule.number + ": " + message));
    }
  }
}
