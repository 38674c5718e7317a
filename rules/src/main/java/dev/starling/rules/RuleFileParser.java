package dev.starling.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the shape of a rules file with Jackson's streaming parser, so that every key and value keeps
 * its line. It checks only structure (which keys, scalar or not); what the values mean is checked by
 * {@link RuleBookLoader}. A YAML syntax error ends the reading but keeps what was read before it.
 */
final class RuleFileParser {
  static final List<String> TOP_KEYS = List.of("version", "rules");
  static final List<String> RULE_KEYS =
      List.of("id", "title", "applies_to", "when", "priority", "reason", "cooldown_days");

  private static final String STRING_TAG = "tag:yaml.org,2002:str";
  private static final YAMLFactory YAML = YAMLFactory.builder().build();

  /** A scalar value and the line it starts on; {@code text} is null for an explicit YAML null. */
  record Scalar(String text, int line) {}

  /** A problem found before the rule's id is known, attributed to the rule once it is. */
  record Pending(int line, String message) {}

  /** One element of {@code rules:}, keys in file order. */
  static final class RawRule {
    final int number;
    final int line;
    final Map<String, Scalar> values = new LinkedHashMap<>();
    /** Every accepted key the rule wrote, even one whose value was refused. */
    final java.util.Set<String> keys = new java.util.HashSet<>();
    /** Accepted keys a misspelt key was taken for: the "did you mean" says it, not also "missing key". */
    final java.util.Set<String> misspelt = new java.util.HashSet<>();
    /** False while the mapping is being read; stays false if it is not a mapping at all. */
    boolean complete;
    /** A YAML syntax error stopped the reading inside this rule: check nothing more of it. */
    boolean truncated;
    final List<Pending> problems = new ArrayList<>();

    RawRule(int number, int line) {
      this.number = number;
      this.line = line;
    }
  }

  /** What the file holds, structurally, plus problems that belong to no rule. */
  record RawFile(Optional<Scalar> version, List<RawRule> rules, List<Pending> problems, boolean syntaxError) {}

  private final JsonParser parser;
  private final String text;
  private final List<RawRule> rules = new ArrayList<>();
  private final List<Pending> problems = new ArrayList<>();
  private final java.util.Set<String> misspelt = new java.util.HashSet<>();
  private Scalar version;
  private boolean sawVersion;
  private boolean sawRules;
  private boolean unreadable;
  private boolean syntaxError;

  private RuleFileParser(JsonParser parser, String text) {
    this.parser = parser;
    this.text = text;
  }

  static RawFile read(String text) {
    try (JsonParser p = YAML.createParser(text)) {
      RuleFileParser reader = new RuleFileParser(p, text);
      reader.readDocument();
      return reader.result();
    } catch (IOException e) {
      // createParser over a String does no I/O; only close() could throw, and it does not.
      throw new UncheckedIOException(e);
    }
  }

  private RawFile result() {
    if (!sawVersion && !sawRules && misspelt.isEmpty() && (!unreadable || syntaxError)) {
      // Any file can be named as the rules file (a typo, or /etc/shadow): its keys are its lines, and
      // quoting them in errors would print the file. Only a file that looks like rules is discussed.
      problems.clear();
      problems.add(new Pending(1, "is not a Starling rules file: it has neither 'version:' nor 'rules:' at the top"
          + " (its lines are not shown)"));
      return new RawFile(Optional.empty(), List.of(), problems, syntaxError);
    }
    if (!unreadable && !sawVersion && !misspelt.contains("version")) {
      problems.add(new Pending(1, "missing key 'version' (expected 'version: 1')"));
    }
    if (!unreadable && !sawRules && !misspelt.contains("rules")) {
      problems.add(new Pending(1, "missing key 'rules'"));
    }
    return new RawFile(Optional.ofNullable(version), rules, problems, syntaxError);
  }

  private void readDocument() throws IOException {
    try {
      JsonToken t = parser.nextToken();
      if (t == null) {
        problems.add(new Pending(1, "the file is empty; expected 'version: 1' and 'rules:'"));
        unreadable = true;
        return;
      }
      if (t != JsonToken.START_OBJECT) {
        problems.add(new Pending(line(), "the file must be a mapping with keys 'version' and 'rules'"
            + " but is " + describe(t)));
        unreadable = true;
        return;
      }
      while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        int keyLine = line();
        t = parser.nextToken();
        switch (key) {
          case "version" -> {
            if (sawVersion) {
              problems.add(new Pending(keyLine, "duplicate key 'version'"));
            } else if (!t.isScalarValue()) {
              problems.add(new Pending(line(), "version must be 1 but was " + describe(t)));
            } else {
              version = scalar(t);
            }
            sawVersion = true;
            parser.skipChildren();
          }
          case "rules" -> {
            if (sawRules) {
              problems.add(new Pending(keyLine, "duplicate key 'rules'"));
              parser.skipChildren();
            } else {
              sawRules = true;
              readRules(t);
            }
          }
          default -> {
            problems.add(new Pending(keyLine, unknownKey(key, TOP_KEYS, misspelt)));
            parser.skipChildren();
          }
        }
      }
    } catch (JacksonException e) {
      problems.add(syntaxError(e));
      unreadable = true;
      syntaxError = true;
      if (!rules.isEmpty() && !rules.get(rules.size() - 1).complete) {
        rules.get(rules.size() - 1).truncated = true;
      }
    }
  }

  /** One line a person can act on, at the line to fix (see {@link YamlSyntax}); no rules-file key takes a list. */
  private Pending syntaxError(JacksonException e) {
    YamlSyntax y = YamlSyntax.of(e, text, key -> false);
    return new Pending(y.line(), "YAML syntax error" + (y.column() > 0 ? " at column " + y.column() : "") + ": "
        + y.message());
  }

  private void readRules(JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return; // "rules:" with nothing under it: an empty rule book
    }
    if (t != JsonToken.START_ARRAY) {
      problems.add(new Pending(line(), "rules must be a list of rules ('- id: …') but was " + describe(t)));
      parser.skipChildren();
      return;
    }
    while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
      RawRule rule = new RawRule(rules.size() + 1, line());
      rules.add(rule);
      if (t != JsonToken.START_OBJECT) {
        rule.problems.add(new Pending(line(),
            "a rule must be a mapping of " + keys(RULE_KEYS) + " but was " + describe(t)));
        parser.skipChildren();
        rule.truncated = true;
        continue;
      }
      readRule(rule);
      rule.complete = true;
    }
  }

  private void readRule(RawRule rule) throws IOException {
    Map<String, Integer> keyLines = new LinkedHashMap<>();
    JsonToken t;
    while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int keyLine = line();
      t = parser.nextToken();
      if (!RULE_KEYS.contains(key)) {
        rule.problems.add(new Pending(keyLine, unknownKey(key, RULE_KEYS, rule.misspelt)));
        parser.skipChildren();
        continue;
      }
      rule.keys.add(key);
      Integer first = keyLines.putIfAbsent(key, keyLine);
      if (first != null) {
        rule.problems.add(new Pending(keyLine, "duplicate key '" + key + "' (first on line " + first + ")"));
        parser.skipChildren();
        continue;
      }
      if (!t.isScalarValue()) {
        // Skip first: an unclosed '[' throws here, and its syntax error alone says what to fix.
        int valueLine = line();
        parser.skipChildren();
        rule.problems.add(new Pending(valueLine, key + " must be a single value but was " + describe(t)));
        continue;
      }
      Object tag = parser.getTypeId();
      if (tag != null && !STRING_TAG.equals(tag)) {
        rule.problems.add(new Pending(line(), key + " starts with '!" + tag + "', which YAML reads as a tag;"
            + " put the whole value in double quotes"));
        continue;
      }
      rule.values.put(key, scalar(t));
    }
  }

  /** The closest accepted key when there is one ("did you mean"), else the list of them. */
  private static String unknownKey(String key, List<String> accepted, java.util.Set<String> misspelt) {
    Optional<String> closest = Spelling.closest(key, accepted);
    closest.ifPresent(misspelt::add);
    return closest.map(k -> "unknown key '" + excerpt(key) + "'; did you mean '" + k + "'?")
        .orElse("unknown key '" + excerpt(key) + "' (accepted keys: " + String.join(", ", accepted) + ")");
  }

  private Scalar scalar(JsonToken t) throws IOException {
    return new Scalar(t == JsonToken.VALUE_NULL ? null : parser.getText(), line());
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  /** At most {@value #EXCERPT} characters of a text from the file: enough to find it, never a whole line of secrets. */
  static String excerpt(String text) {
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
  }

  private static final int EXCERPT = 32;

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "a mapping";
      case START_ARRAY -> "a list";
      case VALUE_NULL -> "empty";
      default -> "a single value";
    };
  }

  private static String keys(List<String> keys) {
    return String.join(", ", keys);
  }

}
