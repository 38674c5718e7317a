package dev.starling.connectors.bounce;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.SmtpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The bounce rule table: classifies a failed recipient as hard, soft or block from its enhanced status
 * code, reply code and diagnostic text. The table is data ({@code bounce-rules.txt} beside this class,
 * its syntax explained at its top); the first rule that matches decides, so its order is the policy.
 *
 * <pre>{@code
 * Verdict v = BounceRules.standard().classify(SmtpStatus.of("5.0.0", "552 5.2.2 Mailbox full"), "552 5.2.2 Mailbox full");
 * v.kind();   // SOFT
 * v.rule();   // "status *.2.2"
 * }</pre>
 */
public final class BounceRules {

  static final String RESOURCE = "bounce-rules.txt";
  private static final BounceRules STANDARD = load();

  private final List<Rule> rules;

  private BounceRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The shipped table, read once. */
  public static BounceRules standard() {
    return STANDARD;
  }

  /**
   * Reads a rule table.
   *
   * @param source the table's name, for errors
   * @throws IllegalArgumentException naming the line, what is wrong and what was expected
   */
  public static BounceRules parse(List<String> lines, String source) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      rules.add(Rule.parse(line, i + 1, source));
    }
    if (rules.isEmpty() || rules.get(rules.size() - 1).kind != RuleKind.DEFAULT) {
      throw new IllegalArgumentException(source + ": the last rule must be '<class> default # why', so that every "
          + "bounce gets a class");
    }
    return new BounceRules(rules);
  }

  /**
   * The class of one failed recipient.
   *
   * @param smtp its codes, or {@code null} when it has none
   * @param diagnostic the server's text, or {@code null}
   */
  public Verdict classify(SmtpStatus smtp, String diagnostic) {
    String status = smtp == null ? null : smtp.enhanced();
    Integer reply = smtp == null ? null : smtp.reply();
    String text = diagnostic == null ? "" : diagnostic;
    for (Rule r : rules) {
      if (r.matches(status, reply, text)) {
        return new Verdict(r.cls, r.line, r.text, r.reason, r.specific());
      }
    }
    throw new IllegalStateException("the default rule matches everything");
  }

  /**
   * The class of a bounce a provider has already typed: the table's verdict when a rule more specific
   * than the class digit matched (the provider's "permanent" may be a spam block), else the provider's.
   */
  public BounceKind classify(SmtpStatus smtp, String diagnostic, BounceKind provider) {
    Verdict v = classify(smtp, diagnostic);
    return v.specific() || provider == null ? v.kind() : provider;
  }

  private static BounceRules load() {
    try (InputStream in = BounceRules.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the bounce rule table " + RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private enum RuleKind {
    STATUS,
    REPLY,
    TEXT,
    DEFAULT
  }

  /** One line of the table. {@code parts} is the code split on dots (status) or into digits (reply). */
  private record Rule(BounceKind cls, RuleKind kind, String[] parts, Pattern pattern, int line, String text,
      String reason) {

    static Rule parse(String line, int number, String source) {
      int hash = line.indexOf(" # ");
      if (hash < 0) {
        throw new IllegalArgumentException(source + ":" + number + ": a rule needs its reason after ' # ' but was '"
            + line + "'");
      }
      String reason = line.substring(hash + 3).strip();
      String body = line.substring(0, hash).strip();
      String[] words = body.split("\\s+", 3);
      String where = source + ":" + number + ": ";
      BounceKind cls;
      try {
        cls = BounceKind.valueOf(words[0].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + "class must be hard, soft or block but was '" + words[0] + "'");
      }
      String what = words.length > 1 ? words[1] : "";
      String arg = words.length > 2 ? words[2].strip() : "";
      String text = words.length > 1 ? body.substring(words[0].length()).strip() : "";
      return switch (what) {
        case "status" -> {
          if (!arg.matches("[245*]\\.(\\d{1,3}|\\*)\\.(\\d{1,3}|\\*)")) {
            throw new IllegalArgumentException(where + "status must be like 5.1.1, 5.7.* or *.2.2 but was '" + arg + "'");
          }
          yield new Rule(cls, RuleKind.STATUS, arg.split("\\."), null, number, text, reason);
        }
        case "reply" -> {
          if (!arg.matches("[245][0-9*][0-9*]")) {
            throw new IllegalArgumentException(where + "reply must be three digits like 550 or 4** but was '" + arg + "'");
          }
          yield new Rule(cls, RuleKind.REPLY, arg.split(""), null, number, text, reason);
        }
        case "text" -> {
          try {
            yield new Rule(cls, RuleKind.TEXT, null, Pattern.compile(arg, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                number, text, reason);
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + "text must be a Java regular expression: " + e.getDescription()
                + " in '" + arg + "'", e);
          }
        }
        case "default" -> new Rule(cls, RuleKind.DEFAULT, null, null, number, "default", reason);
        default -> throw new IllegalArgumentException(where + "rule must be status, reply, text or default but was '"
            + what + "'");
      };
    }

    boolean matches(String status, Integer reply, String diagnostic) {
      return switch (kind) {
        case STATUS -> status != null && componentsMatch(parts, status.split("\\."));
        case REPLY -> reply != null && componentsMatch(parts, Integer.toString(reply).split(""));
        case TEXT -> pattern.matcher(diagnostic).find();
        case DEFAULT -> true;
      };
    }

    /** Whether the rule says more than the class digit (see {@link Verdict#specific()}). */
    boolean specific() {
      return switch (kind) {
        case STATUS, REPLY -> !parts[1].equals("*");
        case TEXT -> true;
        case DEFAULT -> false;
      };
    }

    private static boolean componentsMatch(String[] pattern, String[] value) {
      if (pattern.length != value.length) {
        return false;
      }
      for (int i = 0; i < pattern.length; i++) {
        if (!pattern[i].equals("*") && !pattern[i].equals(value[i])) {
          return false;
        }
      }
      return true;
    }
  }
}
