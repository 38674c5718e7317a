package dev.starling.rules;

import java.util.Locale;
import java.util.Optional;

/** What a rule is about: one person, or the company (account) several people belong to. */
public enum Subject {
  SUBSCRIBER,
  ACCOUNT;

  /** The spelling used in the rules file ({@code applies_to: subscriber}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The subject whose {@link #key()} is {@code key}, exactly. */
  public static Optional<Subject> fromKey(String key) {
    for (Subject s : values()) {
      if (s.key().equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
