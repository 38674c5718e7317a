package dev.starling.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named, typed value the engine computes for a subscriber or an account, which conditions and
 * reasons may use.
 *
 * @param name a CEL identifier, lower case with underscores ({@code open_ratio})
 * @param description one line for people: what it counts and how ({@code starling explain} prints it)
 */
public record Feature(Subject subject, String name, FeatureType type, String description) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Feature {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "feature name must be lower case letters, digits and '_' but was '" + name + "'");
    }
  }
}
