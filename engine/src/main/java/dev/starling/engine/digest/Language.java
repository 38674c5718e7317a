package dev.starling.engine.digest;

import java.util.Locale;
import java.util.Optional;

/** The languages the digest ships templates for; the key is how starling.yaml spells it. */
public enum Language {
  EN(Locale.forLanguageTag("en-US")),
  ES(Locale.forLanguageTag("es-ES"));

  private final Locale locale;

  Language(Locale locale) {
    this.locale = locale;
  }

  /** Dates, numbers and percentages are formatted in this locale. */
  public Locale locale() {
    return locale;
  }

  /** {@code en}, {@code es}: the config spelling and the template name suffix. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Language> fromKey(String key) {
    for (Language l : values()) {
      if (l.key().equalsIgnoreCase(key.strip())) {
        return Optional.of(l);
      }
    }
    return Optional.empty();
  }
}
