package dev.starling.engine.report;

import java.util.Locale;

/**
 * A number with its noun in the right form, grouped the same way everywhere in messages:
 * {@code Count.of(1, "row")} is "1 row", {@code Count.of(1234, "row")} is "1,234 rows". Messages are
 * English; tables are localised by {@link TerminalTableWriter}.
 */
public final class Count {
  private Count() {}

  /** {@code n} and the noun, with an {@code s} for any number but one. */
  public static String of(long n, String singular) {
    return of(n, singular, singular + "s");
  }

  /** {@code n} and the noun, for nouns whose plural is not just an {@code s}. */
  public static String of(long n, String singular, String plural) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
  }
}
