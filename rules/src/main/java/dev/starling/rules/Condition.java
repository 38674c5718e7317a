package dev.starling.rules;

import dev.cel.common.ast.CelExpr;
import dev.starling.rules.ExpressionCompiler.Compiled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A compiled {@code when}, plus its top-level conjuncts ({@code a && b && c} → {@code a}, {@code b},
 * {@code c}) compiled one by one, in the user's own spelling, so that {@code explain} can say which
 * of them were false. Only the whole program runs on the hot path.
 */
record Condition(Compiled whole, List<Compiled> conjuncts) {
  private static final String AND = "_&&_";

  static Condition of(Compiled whole, Subject subject, ExpressionCompiler compiler) {
    List<Integer> operators = new ArrayList<>();
    List<CelExpr> leaves = new ArrayList<>();
    flatten(whole.ast().getExpr(), whole, operators, leaves);
    if (leaves.size() < 2 || operators.size() != leaves.size() - 1 || operators.contains(-1)) {
      return new Condition(whole, List.of(whole));
    }
    String text = whole.text();
    // "(a && b) && c" has three leaves but two conjuncts as written: split only outside brackets.
    operators.removeIf(op -> {
      int index = charIndex(text, op);
      return index >= 0 && depth(text, index) > 0;
    });
    if (operators.isEmpty()) {
      return new Condition(whole, List.of(whole));
    }
    operators.sort(null);
    List<Compiled> conjuncts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= operators.size(); i++) {
      int end = i < operators.size() ? charIndex(text, operators.get(i)) : text.length();
      if (end < start) {
        return new Condition(whole, List.of(whole));
      }
      String part = text.substring(start, end).strip();
      Optional<Compiled> c = compiler.compile(subject, part, new ArrayList<>());
      if (c.isEmpty()) {
        // e.g. "(a && b) && c" splits inside the parentheses; explain the condition as a whole.
        return new Condition(whole, List.of(whole));
      }
      conjuncts.add(c.get());
      start = end + 2;
    }
    return new Condition(whole, List.copyOf(conjuncts));
  }

  /** How many brackets are open at {@code end}, ignoring those inside string literals. */
  private static int depth(String text, int end) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      }
    }
    return depth;
  }

  /** The char index of code point {@code codePoint} if an {@code &&} starts there, else -1. */
  private static int charIndex(String text, int codePoint) {
    if (codePoint < 0 || codePoint > text.codePointCount(0, text.length())) {
      return -1;
    }
    int index = text.offsetByCodePoints(0, codePoint);
    return text.startsWith("&&", index) ? index : -1;
  }

  private static void flatten(CelExpr e, Compiled whole, List<Integer> operators, List<CelExpr> leaves) {
    if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals(AND)
        && e.call().target().isEmpty()) {
      Integer pos = whole.ast().getSource().getPositionsMap().get(e.id());
      operators.add(pos == null ? -1 : pos);
      for (CelExpr arg : e.call().args()) {
        flatten(arg, whole, operators, leaves);
      }
    } else {
      leaves.add(e);
    }
  }
}
