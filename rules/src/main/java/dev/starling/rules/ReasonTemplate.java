package dev.starling.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.starling.rules.ExpressionCompiler.Compiled;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A reason with {@code {{ expr }}} placeholders, each a CEL expression compiled at load. Values print
 * for people: integers as integers, doubles with at most two decimals ({@code 0.9}, {@code 33.33}),
 * lists joined with {@code ", "}.
 */
final class ReasonTemplate {
  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  /**
   * Literal text or a placeholder; exactly one of the two is set. {@code slot} is the feature's slot
   * when the placeholder is just a feature name ({@code {{ last_n }}}, the common case), read
   * directly instead of through CEL: reasons are rendered for every match.
   */
  private record Part(String literal, Compiled expression, int slot) {}

  private final List<Part> parts;
  private final FeatureLayout layout;

  private ReasonTemplate(List<Part> parts, FeatureLayout layout) {
    this.parts = List.copyOf(parts);
    this.layout = layout;
  }

  /** Compiles every placeholder; adds one message per problem to {@code errors}. */
  static Optional<ReasonTemplate> compile(
      String text, Subject subject, FeatureLayout layout, ExpressionCompiler compiler, List<String> errors) {
    List<Part> parts = new ArrayList<>();
    int before = errors.size();
    int at = 0;
    while (at < text.length()) {
      int open = text.indexOf(OPEN, at);
      if (open < 0) {
        parts.add(new Part(text.substring(at), null, -1));
        break;
      }
      if (open > at) {
        parts.add(new Part(text.substring(at, open), null, -1));
      }
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        errors.add("reason has '{{' at column " + (open + 1) + " without a closing '}}'");
        break;
      }
      String expr = text.substring(open + OPEN.length(), close).strip();
      at = close + CLOSE.length();
      if (expr.isEmpty()) {
        errors.add("reason has an empty placeholder '{{ }}' at column " + (open + 1));
        continue;
      }
      List<String> exprErrors = new ArrayList<>();
      Optional<Compiled> compiled = compiler.compile(subject, expr, exprErrors);
      String label = "reason placeholder '{{ " + expr + " }}'";
      exprErrors.forEach(e -> errors.add(label + ": " + e));
      compiled.ifPresent(c -> {
        if (!ExpressionCompiler.printable(c.ast().getResultType())) {
          errors.add(label + " has type " + ExpressionCompiler.typeName(c.ast().getResultType())
              + "; a placeholder must give int, double, string, bool or a list of those");
        } else {
          var root = c.ast().getExpr();
          int slot = root.getKind() == dev.cel.common.ast.CelExpr.ExprKind.Kind.IDENT
              ? layout.slot(root.ident().name()) : -1;
          parts.add(new Part(null, c, slot));
        }
      });
    }
    return errors.size() == before ? Optional.of(new ReasonTemplate(parts, layout)) : Optional.empty();
  }

  /** Fills the placeholders; on failure names the placeholder that failed. */
  String render(Features features) throws PlaceholderException {
    StringBuilder sb = new StringBuilder();
    boolean sameLayout = features.layout() == layout;
    for (Part p : parts) {
      if (p.literal() != null) {
        sb.append(p.literal());
        continue;
      }
      if (sameLayout && p.slot() >= 0 && features.value(p.slot()) != null) {
        sb.append(format(features.value(p.slot())));
        continue;
      }
      try {
        sb.append(format(p.expression().program().eval(features.resolver())));
      } catch (CelEvaluationException e) {
        throw new PlaceholderException(p.expression(), e);
      }
    }
    return sb.toString();
  }

  /** Features the placeholders read, so a failure can name those without a value. */
  List<Feature> features() {
    return parts.stream().filter(p -> p.expression() != null)
        .flatMap(p -> p.expression().features().stream()).distinct().toList();
  }

  static String format(Object value) {
    return switch (value) {
      case Double d -> formatDouble(d);
      case Float f -> formatDouble(f.doubleValue());
      case Collection<?> c -> c.stream().map(ReasonTemplate::format).collect(Collectors.joining(", "));
      default -> String.valueOf(value);
    };
  }

  private static String formatDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Double.toString(d);
    }
    String s = BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** A placeholder failed at run time. */
  static final class PlaceholderException extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Compiled expression;

    PlaceholderException(Compiled expression, CelEvaluationException cause) {
      super(cause.getMessage(), cause);
      this.expression = expression;
    }
  }
}
