package dev.starling.rules;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * Turns condition and placeholder text into CEL programs, type-checked against a {@link
 * FeatureSchema}, with messages a sales or marketing person can act on.
 *
 * <p>CEL is the sandbox: an expression can reach only the declared variables and CEL's standard
 * functions and macros ({@code size}, {@code contains}, {@code startsWith}, {@code matches} with
 * RE2, {@code exists}, {@code all}, {@code filter}, {@code map}, …). There is no reflection, no Java
 * class, no clock, no file and no network to reach; anything undeclared fails here, at load. We use
 * the planner runtime because it evaluates about four times faster than the default interpreter and
 * throws on a missing variable instead of returning an unknown set (DEPS pitfall 9).
 */
final class ExpressionCompiler {
  private static final CelOptions OPTIONS = CelOptions.current()
      .enableHeterogeneousNumericComparisons(true) // open_ratio >= 1 reads naturally; the planner needs it
      .comprehensionMaxIterations(10_000)
      .maxExpressionCodePointSize(10_000)
      .build();
  private static final java.util.regex.Pattern UNDECLARED =
      java.util.regex.Pattern.compile("undeclared reference to '([^']+)'");
  private static final String NO_CONTAINER = " (in container '')";

  private final FeatureSchema schema;
  private final Map<Subject, Cel> environments = new EnumMap<>(Subject.class);

  ExpressionCompiler(FeatureSchema schema) {
    this.schema = schema;
    for (Subject subject : Subject.values()) {
      var builder = CelFactory.plannerCelBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .setStandardFunctions(CelStandardFunctions.newBuilder()
              .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES).build())
          .addFunctionBindings(
              CelFunctionBinding.from("matches", String.class, String.class, Regexes::find),
              CelFunctionBinding.from("matches_string", String.class, String.class, Regexes::find));
      for (Feature f : schema.features(subject)) {
        builder.addVar(f.name(), f.type().celType());
      }
      environments.put(subject, builder.build());
    }
  }

  /** A compiled expression: its program, the features it reads and its checked AST. */
  record Compiled(String text, CelAbstractSyntaxTree ast, CelRuntime.Program program, List<Feature> features) {}

  /**
   * Compiles {@code text} for {@code subject}; on failure adds one message per issue to {@code
   * errors}, each saying where in the expression ({@code (column 12)}).
   */
  Optional<Compiled> compile(Subject subject, String text, List<String> errors) {
    Cel cel = environments.get(subject);
    CelValidationResult parsed = cel.parse(text);
    if (parsed.hasError()) {
      // Only the first: after one mistake the parser's further complaints are echoes of it.
      CelIssue issue = parsed.getErrors().get(0);
      ExpressionErrors.Plain plain = ExpressionErrors.syntax(text, issue.getMessage(), offset(text, issue));
      errors.add((plain.offset() < 0 ? place(text, issue) : placeAt(text, plain.offset())) + plain.message());
      return Optional.empty();
    }
    CelValidationResult checked;
    try {
      checked = cel.check(parsed.getAst());
    } catch (dev.cel.common.CelValidationException e) {
      throw new IllegalStateException("parse reported no error but gave no AST", e);
    }
    if (checked.hasError()) {
      for (CelIssue issue : checked.getErrors()) {
        errors.add(describeCheckIssue(subject, text, issue));
      }
      return Optional.empty();
    }
    try {
      CelAbstractSyntaxTree ast = checked.getAst();
      int before = errors.size();
      checkRegexes(ast.getExpr(), errors);
      if (errors.size() > before) {
        return Optional.empty();
      }
      return Optional.of(new Compiled(text, ast, cel.createProgram(ast), featuresUsed(subject, ast.getExpr())));
    } catch (dev.cel.common.CelValidationException | CelEvaluationException e) {
      errors.add("cannot compile: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** A constant pattern that RE2 refuses is a load error, not a surprise at evaluation. */
  private static void checkRegexes(CelExpr e, List<String> errors) {
    if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals("matches")
        && !e.call().args().isEmpty()) {
      CelExpr pattern = e.call().args().get(e.call().args().size() - 1);
      if (pattern.getKind() == CelExpr.ExprKind.Kind.CONSTANT
          && pattern.constant().getKind() == dev.cel.common.ast.CelConstant.Kind.STRING_VALUE) {
        try {
          Regexes.compile(pattern.constant().stringValue());
        } catch (PatternSyntaxException ex) {
          errors.add("invalid regular expression '" + pattern.constant().stringValue() + "': "
              + ex.getDescription());
        }
      }
    }
    switch (e.getKind()) {
      case CALL -> {
        e.call().target().ifPresent(t -> checkRegexes(t, errors));
        e.call().args().forEach(a -> checkRegexes(a, errors));
      }
      case COMPREHENSION -> {
        checkRegexes(e.comprehension().iterRange(), errors);
        checkRegexes(e.comprehension().loopStep(), errors);
        checkRegexes(e.comprehension().result(), errors);
      }
      case LIST -> e.list().elements().forEach(x -> checkRegexes(x, errors));
      case SELECT -> checkRegexes(e.select().operand(), errors);
      default -> { }
    }
  }

  /**
   * CEL's own {@code matches} compiles the pattern on every call (about 5 µs, 100 times the cost of
   * the rest of a rule). Patterns in rules are nearly always constants, so compile each once. Same
   * semantics as CEL's: RE2 syntax, partial match.
   */
  private static final class Regexes {
    private static final int MAX_CACHED = 256;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    static Object find(String text, String regex) throws CelEvaluationException {
      try {
        return compile(regex).matcher(text).find();
      } catch (PatternSyntaxException e) {
        throw new CelEvaluationException("invalid regular expression '" + regex + "': " + e.getDescription(), e);
      }
    }

    static Pattern compile(String regex) {
      Pattern p = CACHE.get(regex);
      if (p == null) {
        p = Pattern.compile(regex);
        if (CACHE.size() < MAX_CACHED) {
          CACHE.put(regex, p);
        }
      }
      return p;
    }
  }

  /** Whether values of {@code type} can be printed in a reason. */
  static boolean printable(CelType type) {
    CelKind kind = type.kind();
    return switch (kind) {
      case INT, UINT, DOUBLE, STRING, BOOL, DYN -> true;
      case LIST -> printable(((ListType) type).elemType());
      default -> false;
    };
  }

  /** How a CEL type is written: {@code int}, {@code list(string)}, {@code map(string, int)}. */
  static String typeName(CelType type) {
    if (type.parameters().isEmpty()) {
      return type.name();
    }
    return type.name() + "(" + String.join(", ", type.parameters().stream().map(ExpressionCompiler::typeName).toList()) + ")";
  }

  private String describeCheckIssue(Subject subject, String text, CelIssue issue) {
    String message = issue.getMessage().replace(NO_CONTAINER, "");
    java.util.regex.Matcher m = UNDECLARED.matcher(message);
    if (m.matches()) {
      String name = m.group(1);
      int offset = offset(text, issue);
      boolean call = offset >= 0 && offset < text.length() && text.charAt(offset) == '(';
      if (call) {
        return "unknown function '" + name + "'" + where(text, issue)
            + "; only CEL's standard functions are available";
      }
      return "unknown " + subject.key() + " feature '" + name + "'" + where(text, issue) + hint(subject, name);
    }
    int candidates = message.indexOf(" (candidates: ");
    if (candidates > 0) {
      message = message.substring(0, candidates);
    }
    int at = offset(text, issue);
    return place(text, issue) + ExpressionErrors.type(message, at < 0 ? "" : text.substring(at));
  }

  private String hint(Subject subject, String name) {
    for (Subject other : Subject.values()) {
      if (other != subject && schema.feature(other, name).isPresent()) {
        String article = "aeiou".indexOf(other.key().charAt(0)) >= 0 ? "an " : "a ";
        return "; '" + name + "' is " + article + other.key() + " feature, and this rule applies_to "
            + subject.key();
      }
    }
    // An upper-case word is more likely a value meant as text (country == ES) than a feature.
    String asText = name.chars().anyMatch(Character::isLetter) && name.equals(name.toUpperCase(java.util.Locale.ROOT))
        ? "; if " + name + " is text, put it in quotes: '" + name + "'" : "";
    return Spelling.closest(name, schema.features(subject).stream().map(Feature::name).toList())
        .map(best -> "; did you mean '" + best + "'?").orElse(asText);
  }

  /** {@code " (column c)"}, or {@code " (line l, column c)"} for a multi-line expression; 1-based. */
  private static String where(String text, CelIssue issue) {
    int line = issue.getSourceLocation().getLine();
    int column = issue.getSourceLocation().getColumn();
    if (line < 1 || column < 0) {
      return "";
    }
    return text.indexOf('\n') < 0 ? " (column " + (column + 1) + ")"
        : " (line " + line + ", column " + (column + 1) + ")";
  }

  /** {@code "column c: "}, or {@code "line l, column c: "} for a multi-line expression; 1-based. */
  private static String place(String text, CelIssue issue) {
    String where = where(text, issue);
    return where.isEmpty() ? "" : where.substring(2, where.length() - 1) + ": ";
  }

  /** {@link #place} for a char index into {@code text}. */
  private static String placeAt(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    int column = text.codePointCount(lineStart, offset) + 1;
    if (text.indexOf('\n') < 0) {
      return "column " + column + ": ";
    }
    int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
    return "line " + line + ", column " + column + ": ";
  }

  private static int offset(String text, CelIssue issue) {
    int line = issue.getSourceLocation().getLine();
    int column = issue.getSourceLocation().getColumn();
    int start = 0;
    for (int l = 1; l < line; l++) {
      start = text.indexOf('\n', start) + 1;
      if (start == 0) {
        return -1;
      }
    }
    int codePoints = text.codePointCount(start, text.length());
    return column <= codePoints ? text.offsetByCodePoints(start, column) : -1;
  }

  /** The features an expression reads, in order of first appearance; comprehension variables are not features. */
  private List<Feature> featuresUsed(Subject subject, CelExpr root) {
    Set<String> names = new LinkedHashSet<>();
    collect(root, new HashSet<>(), names);
    List<Feature> features = new ArrayList<>();
    for (String n : names) {
      schema.feature(subject, n).ifPresent(features::add);
    }
    return List.copyOf(features);
  }

  private static void collect(CelExpr e, Set<String> bound, Set<String> out) {
    switch (e.getKind()) {
      case IDENT -> {
        if (!bound.contains(e.ident().name())) {
          out.add(e.ident().name());
        }
      }
      case SELECT -> collect(e.select().operand(), bound, out);
      case CALL -> {
        e.call().target().ifPresent(t -> collect(t, bound, out));
        e.call().args().forEach(a -> collect(a, bound, out));
      }
      case LIST -> e.list().elements().forEach(x -> collect(x, bound, out));
      case MAP -> e.map().entries().forEach(x -> {
        collect(x.key(), bound, out);
        collect(x.value(), bound, out);
      });
      case STRUCT -> e.struct().entries().forEach(x -> collect(x.value(), bound, out));
      case COMPREHENSION -> {
        var c = e.comprehension();
        collect(c.iterRange(), bound, out);
        collect(c.accuInit(), bound, out);
        Set<String> inner = new HashSet<>(bound);
        inner.add(c.iterVar());
        if (!c.iterVar2().isEmpty()) {
          inner.add(c.iterVar2());
        }
        inner.add(c.accuVar());
        collect(c.loopCondition(), inner, out);
        collect(c.loopStep(), inner, out);
        collect(c.result(), inner, out);
      }
      default -> { }
    }
  }
}
