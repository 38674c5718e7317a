package dev.starling.rules;

import com.fasterxml.jackson.core.JacksonException;
import java.util.function.Predicate;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML syntax error said in one line a marketer can act on, at the place to fix: SnakeYAML reports
 * a multi-line dump ("while parsing a flow sequence ... expected ',' or ']', but got :") at the line
 * where it gave up, which for an unclosed {@code [} is the line after the mistake. Used for both the
 * rules file and the engine's {@code starling.yaml}.
 *
 * @param line 1-based line to fix
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong and how to fix it, without the place
 */
public record YamlSyntax(int line, int column, String message) {
  private static final String QUOTES = "put the whole value in double quotes";

  /**
   * Describes {@code e}, thrown while reading {@code text}; {@code listKey} says which keys (the last
   * part of their name) take a list, so an unclosed {@code [} gets the right fix.
   */
  public static YamlSyntax of(JacksonException e, String text, Predicate<String> listKey) {
    int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
    if (!(e.getCause() instanceof MarkedYAMLException m) || m.getProblem() == null) {
      return new YamlSyntax(line, column, firstLine(e.getOriginalMessage()));
    }
    String problem = m.getProblem();
    String context = m.getContext() == null ? "" : m.getContext();
    Mark at = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
    Mark opened = m.getContextMark() != null ? m.getContextMark() : at;
    String[] lines = text.split("\n", -1);
    if (context.contains("flow sequence") || context.contains("flow mapping")) {
      boolean list = context.contains("sequence");
      String where = lineOf(lines, opened);
      int colon = where.indexOf(':');
      String key = colon < 0 ? "" : where.substring(0, colon).strip().replaceFirst("^- *", "");
      String inside = where.substring(Math.min(where.length(), opened.getColumn() + 1)).strip();
      String opener = list ? "[" : "{";
      String closer = list ? "]" : "}";
      String fix;
      if (list && !key.isEmpty() && !listKey.test(key)) {
        fix = "; " + key + " takes one value: write '" + key + ": " + inside + "'";
      } else if (!key.isEmpty()) {
        fix = "; close it: '" + key + ": " + opener + inside + closer + "'";
      } else {
        fix = "; close it with '" + closer + "' on the same line";
      }
      return place(opened, "'" + opener + "' starts a " + (list ? "list" : "mapping") + " that is never closed with '"
          + closer + "'" + fix);
    }
    if (context.contains("quoted scalar")) {
      return place(opened, "the quote opened here is never closed; end the value with the same quote");
    }
    if (problem.contains("\\t(TAB)")) {
      return place(at, "a tab character; indent with spaces only");
    }
    if (problem.startsWith("mapping values are not allowed")) {
      return place(at, "a second ': ' on one line; if it belongs to the value, " + QUOTES);
    }
    if (problem.startsWith("could not find expected ':'")) {
      return place(opened, "expected 'key: value' on this line");
    }
    if (problem.startsWith("expected <block end>")) {
      String where = lineOf(lines, at);
      String value = where.contains(":") ? where.substring(where.indexOf(':') + 1).strip() : "";
      if (problem.contains("<scalar>") && (value.startsWith("'") || value.startsWith("\""))) {
        return place(at, "text after the closing quote; " + QUOTES);
      }
      if (problem.contains("<scalar>")) {
        return place(at, "unexpected text here; " + QUOTES);
      }
      return place(at, "this line is not indented like the lines above it; keys of one section line up");
    }
    return place(at, firstLine(problem) + (context.isEmpty() ? "" : " (" + context + ")"));
  }

  private static YamlSyntax place(Mark mark, String message) {
    return new YamlSyntax(mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  private static String lineOf(String[] lines, Mark mark) {
    return mark.getLine() < lines.length ? lines[mark.getLine()] : "";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable YAML";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }
}
