package dev.starling.rules;

import dev.cel.runtime.CelVariableResolver;
import dev.starling.rules.Explanation.FailedCondition;
import dev.starling.rules.ExpressionCompiler.Compiled;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SLA between sales and marketing, loaded: the rules of one rules file, each condition and
 * reason compiled once against a {@link FeatureSchema}. Immutable and safe to share between threads.
 *
 * <pre>{@code
 * RuleBook book = RuleBook.load(Path.of("rules.yaml"), FeatureSchema.standard());
 * Features f = FeatureSchema.standard().newFeatures(Subject.SUBSCRIBER).set("received", 12)...build();
 * for (Match m : book.evaluate(f)) System.out.println(m.rule().title() + ": " + m.reason());
 * }</pre>
 */
public final class RuleBook {
  /** The classpath resource of the default rule pack. */
  public static final String DEFAULT_RESOURCE = "/dev/starling/rules/default-rules.yaml";

  private final String source;
  private final List<CompiledRule> inFileOrder;
  private final Map<Subject, CompiledRule[]> byPriority = new EnumMap<>(Subject.class);

  private RuleBook(String source, List<CompiledRule> rules) {
    this.source = source;
    this.inFileOrder = rules;
    for (Subject s : Subject.values()) {
      byPriority.put(s, rules.stream()
          .filter(r -> r.rule().appliesTo() == s)
          .sorted(Comparator.comparingInt((CompiledRule r) -> r.rule().priority()))
          .toArray(CompiledRule[]::new));
    }
  }

  /**
   * Reads and compiles a rules file (UTF-8).
   *
   * @throws RulesException listing every problem of the file, or that it cannot be read
   */
  /** Far above any real rules file (the default pack is 3 KB), far below what could hurt. */
  static final long MAX_FILE_BYTES = 1 << 20;

  public static RuleBook load(Path file, FeatureSchema schema) {
    String name = file.toString();
    String text;
    try {
      // rules.file may name anything: /dev/zero or a FIFO would hang the read, a log file fill the memory
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new RulesException(List.of(new RuleProblem(name, 0, Optional.empty(),
            "is not a regular file (a directory, a device or a pipe); a rules file is a YAML text file")), null);
      }
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new RulesException(List.of(new RuleProblem(name, 0, Optional.empty(), "is " + Files.size(file)
            + " bytes; a rules file is a few KB of YAML (at most " + MAX_FILE_BYTES + " bytes), so this is not one")), null);
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RulesException(List.of(new RuleProblem(name, 0, Optional.empty(),
          "cannot read the rules file: " + e)), e);
    }
    return parse(text, name, schema);
  }

  /**
   * Compiles rules from text.
   *
   * @param sourceName how messages name the text, e.g. the file name
   * @throws RulesException listing every problem of the text
   */
  public static RuleBook parse(String text, String sourceName, FeatureSchema schema) {
    return new RuleBook(sourceName, RuleBookLoader.load(text, sourceName, schema));
  }

  /** The default rule pack shipped with Starling, compiled against {@code schema}. */
  public static RuleBook defaults(FeatureSchema schema) {
    return parse(defaultRulesText(), "default-rules.yaml", schema);
  }

  /** The text of the default rule pack, commented for people: a starting point for a team's own file. */
  public static String defaultRulesText() {
    try (InputStream in = RuleBook.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + DEFAULT_RESOURCE, e);
    }
  }

  public String source() {
    return source;
  }

  /** All rules, in file order. */
  public List<Rule> rules() {
    return inFileOrder.stream().map(CompiledRule::rule).toList();
  }

  /** The rules that apply to {@code subject}, in file order. */
  public List<Rule> rules(Subject subject) {
    return inFileOrder.stream().map(CompiledRule::rule).filter(r -> r.appliesTo() == subject).toList();
  }

  /**
   * The rules of the features' subject that fire, highest priority first (file order within a
   * priority), each with its reason. This is the hot path: one CEL program per rule, no map.
   *
   * @throws RuleEvaluationException when a rule reads a feature that has no value, or its expression
   *     fails at run time
   */
  public List<Match> evaluate(Features features) {
    List<Match> matches = null;
    for (CompiledRule rule : byPriority.get(features.subject())) {
      if (rule.test(features)) {
        if (matches == null) {
          matches = new ArrayList<>(2);
        }
        matches.add(new Match(rule.rule(), rule.reason(features)));
      }
    }
    return matches == null ? List.of() : List.copyOf(matches);
  }

  /**
   * Like {@link #evaluate(Features)}, but a rule that fails on these features is skipped (handed to
   * {@code skipped}) and the other rules are still evaluated: one bad rule on one subject must not stop
   * every lead.
   */
  public List<Match> evaluate(Features features, Consumer<RuleEvaluationException> skipped) {
    List<Match> matches = null;
    for (CompiledRule rule : byPriority.get(features.subject())) {
      Match match;
      try {
        match = rule.test(features) ? new Match(rule.rule(), rule.reason(features)) : null;
      } catch (RuleEvaluationException e) {
        skipped.accept(e);
        continue;
      }
      if (match != null) {
        if (matches == null) {
          matches = new ArrayList<>(2);
        }
        matches.add(match);
      }
    }
    return matches == null ? List.of() : List.copyOf(matches);
  }

  /**
   * For every rule of the features' subject, in file order: fired with its reason, or not fired with
   * the top-level conditions that were false and the values they read. A feature without value is
   * reported on the condition that needs it, not thrown.
   */
  public List<Explanation> explain(Features features) {
    CelVariableResolver variables = features.resolver();
    List<Explanation> out = new ArrayList<>();
    for (CompiledRule rule : inFileOrder) {
      if (rule.rule().appliesTo() != features.subject()) {
        continue;
      }
      Object whole = CompiledRule.evaluate(rule.condition().whole(), variables, features);
      if (Boolean.TRUE.equals(whole)) {
        out.add(new Explanation(rule.rule(), Optional.of(rule.reason(features)), List.of()));
        continue;
      }
      List<FailedCondition> failed = new ArrayList<>();
      for (Compiled conjunct : rule.condition().conjuncts()) {
        Object value = CompiledRule.evaluate(conjunct, variables, features);
        if (!Boolean.TRUE.equals(value)) {
          Map<String, Object> values = new LinkedHashMap<>();
          for (Feature f : conjunct.features()) {
            features.get(f.name()).ifPresent(v -> values.put(f.name(), v));
          }
          Optional<String> error = value instanceof CompiledRule.Failure fail
              ? Optional.of(fail.message()) : Optional.empty();
          failed.add(new FailedCondition(conjunct.text(), values, error));
        }
      }
      out.add(new Explanation(rule.rule(), Optional.empty(), failed));
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "RuleBook[" + source + ", " + inFileOrder.size() + " rules]";
  }
}
