package dev.starling.rules;

import java.util.Objects;

/**
 * One rule of the rules file, as written there. The compiled condition and reason stay inside the
 * {@link RuleBook} that loaded it.
 *
 * @param id unique within the file: lower-case letters, digits and '-'
 * @param when the condition, a CEL expression over the subject's features
 * @param priority 1 (highest) … 5
 * @param reason the reason template, with {@code {{ expr }}} placeholders
 * @param cooldownDays how long the engine waits before suggesting the same subject for this rule again
 * @param source where the rule was read from (file name or resource)
 * @param line the 1-based line of the rule's first key in {@code source}
 */
public record Rule(
    String id,
    String title,
    Subject appliesTo,
    String when,
    int priority,
    String reason,
    int cooldownDays,
    String source,
    int line) {

  public static final int HIGHEST_PRIORITY = 1;
  public static final int LOWEST_PRIORITY = 5;

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(appliesTo, "appliesTo");
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
    if (priority < HIGHEST_PRIORITY || priority > LOWEST_PRIORITY) {
      throw new IllegalArgumentException("priority must be 1..5 but was " + priority);
    }
    if (cooldownDays < 0) {
      throw new IllegalArgumentException("cooldownDays must be >= 0 but was " + cooldownDays);
    }
  }
}
