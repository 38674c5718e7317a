package dev.starling.engine.digest;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Dates, numbers and percentages as the recipient reads them: in their language's conventions and their time
 * zone. Spanish: {@code 2 de diciembre de 2026}, {@code 1.234}, {@code 87,5 %} (with a no-break space, so the
 * sign never wraps away from its number).
 */
final class MailFormat {
  private final Locale locale;
  private final ZoneId zone;
  private final DateTimeFormatter longDate;
  private final DateTimeFormatter mediumDate;

  MailFormat(Locale locale, ZoneId zone) {
    this.locale = locale;
    this.zone = zone;
    this.longDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    this.mediumDate = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
  }

  /** {@code 2 de diciembre de 2026}, {@code December 2, 2026}. */
  String date(LocalDate d) {
    return longDate.format(d);
  }

  /** The day of {@code t} in the recipient's zone, short: {@code 2 dic 2026}, {@code Dec 2, 2026}; empty if null. */
  String day(Instant t) {
    return t == null ? "" : mediumDate.format(t.atZone(zone));
  }

  /** {@code 1.234}, {@code 1,234}. */
  String integer(long n) {
    return NumberFormat.getIntegerInstance(locale).format(n);
  }

  /** One decimal at most: {@code 12,5}, {@code 12.5}. */
  String decimal(double v) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMaximumFractionDigits(1);
    return f.format(v);
  }

  /** A share in [0, 1]: {@code 87,5 %}, {@code 87.5%}. */
  String percent(double share) {
    NumberFormat f = NumberFormat.getPercentInstance(locale);
    f.setMaximumFractionDigits(1);
    return f.format(share);
  }
}
