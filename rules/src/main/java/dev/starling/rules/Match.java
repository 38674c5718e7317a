package dev.starling.rules;

import java.util.Objects;

/** A rule that fired for a subject, with its reason filled in ("opened 12 of the last 12 newsletters"). */
public record Match(Rule rule, String reason) {
  public Match {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }
}
