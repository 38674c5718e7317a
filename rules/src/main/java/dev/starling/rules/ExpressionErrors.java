package dev.starling.rules;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CEL's parser and checker errors said in plain words. CEL reports what its grammar wanted
 * ({@code mismatched input '<EOF>' expecting {'[', '{', … NUM_FLOAT, NUM_INT, …}}) or its overload
 * table ({@code found no matching overload for '_>=_' applied to '(int, string)'}); a marketer
 * editing a rule needs what to write instead. The common mistakes (a percentage, a decimal comma,
 * {@code =} or {@code and}, a number in quotes, an unfinished condition) get their own sentence; the
 * rest keep CEL's message without the grammar's token list. Callers put the column in front.
 */
final class ExpressionErrors {
  /** {@code 90%} or {@code 7.5 %} not followed by an operand: a percentage, not CEL's modulo. */
  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*%(?!\\s*[\\w(.'\"])");
  private static final Pattern COMPARISON_BEFORE = Pattern.compile("(>=|<=|==|!=|>|<)\\s*$");
  private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d+,\\d+");
  private static final Pattern MISMATCHED = Pattern.compile("(?:mismatched|extraneous) input '(.*?)' expecting.*");
  private static final Pattern UNRECOGNISED = Pattern.compile("token recognition error at: '(.*)'");
  private static final Pattern OVERLOAD =
      Pattern.compile("found no matching overload for '([^']+)' applied to '(?:([\\w()., ]+?)\\.)?\\((.*)\\)'");
  private static final Pattern QUOTED_NUMBER = Pattern.compile("^\\s*(['\"])(-?\\d+(?:\\.\\d+)?)\\1");
  private static final Map<String, String> WORD_OPERATORS = Map.of(
      "and", "'&&' for and", "or", "'||' for or", "not", "'!' for not");
  private static final Map<String, String> WRONG_OPERATORS = Map.of(
      "=>", ">=", "=<", "<=", "<>", "!=", "=", "==");

  private ExpressionErrors() {}

  /**
   * A message and where it points.
   *
   * @param offset char index into the expression of the thing to fix, or -1 to keep CEL's place
   */
  record Plain(int offset, String message) {
    Plain(String message) {
      this(-1, message);
    }
  }

  /**
   * The first syntax error of {@code text} in plain words. Only the first: after one mistake the
   * parser's further complaints are echoes of it.
   *
   * @param offset where CEL placed the error, a char index into {@code text} (-1 if unknown)
   */
  static Plain syntax(String text, String message, int offset) {
    Matcher percent = PERCENT.matcher(text);
    if (percent.find()) {
      String number = percent.group(1).replace(',', '.');
      String share = new java.math.BigDecimal(number).movePointLeft(2).stripTrailingZeros().toPlainString();
      Matcher op = COMPARISON_BEFORE.matcher(text.substring(0, percent.start()));
      String example = "e.g. " + share;
      return new Plain(percent.start(), op.find() ? "after '" + op.group(1) + "' a number was expected, " + example + "; '"
          + percent.group() + "' is not a number here"
          : "'" + percent.group() + "' is not a number here; write a share as a decimal, " + example);
    }
    if (offset >= 0 && offset < text.length() && text.charAt(offset) == ',') {
      Matcher comma = DECIMAL_COMMA.matcher(text);
      while (comma.find()) {
        if (comma.start() < offset && offset < comma.end()) {
          return new Plain(comma.start(), "'" + comma.group() + "' is not a number here; write decimals with a point, e.g. "
              + comma.group().replace(',', '.'));
        }
      }
    }
    Matcher unrecognised = UNRECOGNISED.matcher(message);
    if (unrecognised.matches()) {
      String token = unrecognised.group(1).strip();
      String right = WRONG_OPERATORS.get(token);
      if (right != null) {
        return new Plain("'" + token + "' is not an operator; write '" + right + "'"
            + (token.equals("=") ? " to compare" : ""));
      }
      if (token.startsWith("'") || token.startsWith("\"")) {
        return new Plain("the quote " + token.charAt(0) + " opened here is never closed");
      }
      return new Plain("'" + token + "' cannot appear in a condition");
    }
    if (message.startsWith("missing ')'")) {
      return new Plain("a '(' is never closed; add ')'");
    }
    Matcher mismatched = MISMATCHED.matcher(message);
    if (mismatched.matches()) {
      String token = mismatched.group(1);
      String word = WORD_OPERATORS.get(token.toLowerCase(Locale.ROOT));
      if (word != null) {
        return new Plain("'" + token + "' is not an operator here; write " + word);
      }
      if (token.equals("<EOF>")) {
        String before = text.strip();
        String last = before.isEmpty() ? "" : lastToken(before);
        return new Plain(last.isEmpty() ? "the condition is empty"
            : "the condition ends too early: after '" + last + "' a value was expected");
      }
      if (token.equals(")")) {
        return new Plain("a ')' without its '('");
      }
      return new Plain("'" + token + "' was not expected here; join two conditions with '&&' (and) or '||' (or)");
    }
    int expecting = message.indexOf(" expecting ");
    return new Plain(expecting > 0 ? message.substring(0, expecting) : message);
  }

  /**
   * A type error in plain words: an operator or function given values it does not take.
   *
   * @param after the expression text from the error's place on, to spot a number written in quotes
   */
  static String type(String message, String after) {
    Matcher m = OVERLOAD.matcher(message);
    if (!m.matches()) {
      return message;
    }
    String function = m.group(1);
    String receiver = m.group(2);
    String[] args = m.group(3).isEmpty() ? new String[0] : splitTypes(m.group(3));
    if (function.startsWith("_") && function.endsWith("_") && function.length() > 2 && args.length == 2) {
      String op = function.substring(1, function.length() - 1);
      String left = plain(args[0]);
      String right = plain(args[1]);
      switch (op) {
        case "<", "<=", ">", ">=", "==", "!=" -> {
          Matcher quoted = QUOTED_NUMBER.matcher(after.substring(Math.min(after.length(), op.length())));
          String fix = quoted.find() ? ": " + quoted.group(1) + quoted.group(2) + quoted.group(1)
              + " in quotes is text; write " + quoted.group(2) + " without quotes"
              : "; both sides must be numbers, or both text";
          return "'" + op + "' compares " + left + " with " + right + fix;
        }
        case "&&", "||" -> {
          String side = !args[0].equals("bool") ? "its left side is " + left : "its right side is " + right;
          return "'" + op + "' joins conditions (true or false) but " + side + "; compare it, e.g. received > 0";
        }
        default -> {
          return "'" + op + "' cannot combine " + left + " with " + right;
        }
      }
    }
    if (function.equals("!_") || function.equals("-_")) {
      String op = function.substring(0, 1);
      return "'" + op + "' cannot be applied to " + plain(m.group(3));
    }
    if (receiver != null) {
      boolean textOnly = switch (function) {
        case "contains", "startsWith", "endsWith", "matches" -> true;
        default -> false;
      };
      if (textOnly && receiver.equals("string")) {
        return "'" + function + "' takes text in its parentheses, e.g. email." + function + "('sales'), not "
            + String.join(" and ", java.util.Arrays.stream(args).map(ExpressionErrors::plain).toList());
      }
      return "'" + function + "' cannot be called on " + plain(receiver) + (textOnly ? "; it works on text" : "");
    }
    return "'" + function + "' does not take " + String.join(" and ", java.util.Arrays.stream(args).map(ExpressionErrors::plain).toList());
  }

  /** A CEL type as a marketer says it. */
  static String plain(String type) {
    String t = type.strip();
    if (t.startsWith("list")) {
      return "a list";
    }
    if (t.startsWith("map")) {
      return "a map";
    }
    return switch (t) {
      case "int", "uint", "double" -> "a number";
      case "string" -> "text";
      case "bool" -> "a condition (true or false)";
      case "null_type" -> "null";
      case "google.protobuf.Timestamp", "timestamp" -> "a time";
      case "google.protobuf.Duration", "duration" -> "a duration";
      default -> "a value of type " + t;
    };
  }

  /** Splits {@code int, list(string), map(string, int)} at top-level commas. */
  private static String[] splitTypes(String s) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i).strip());
        start = i + 1;
      }
    }
    out.add(s.substring(start).strip());
    return out.toArray(String[]::new);
  }

  /** The last operator or word of {@code text}: {@code &&}, {@code >=}, {@code received}. */
  private static String lastToken(String text) {
    Matcher m = Pattern.compile("(&&|\\|\\||>=|<=|==|!=|[<>+\\-*/%!(\\[,.?:]|[\\w.]+|'[^']*'|\"[^\"]*\")$").matcher(text);
    return m.find() ? m.group(1) : text.substring(text.length() - 1);
  }
}
