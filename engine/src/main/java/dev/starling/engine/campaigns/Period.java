package dev.starling.engine.campaigns;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** The intervals the sales/marketing agreement reports in, each with its label ({@code 2026-04}, {@code 2026-Q2}, {@code 2026}). */
public enum Period {
  MONTH,
  QUARTER,
  YEAR;

  /** The first day of the period holding {@code day}. */
  public LocalDate start(LocalDate day) {
    return switch (this) {
      case MONTH -> day.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(day.getYear(), (day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1);
      case YEAR -> LocalDate.of(day.getYear(), 1, 1);
    };
  }

  /** The first day of the next period, for a period starting on {@code start}. */
  public LocalDate next(LocalDate start) {
    return switch (this) {
      case MONTH -> start.plusMonths(1);
      case QUARTER -> start.plusMonths(3);
      case YEAR -> start.plusYears(1);
    };
  }

  /** How people write the period starting on {@code start}: sorts as text too. */
  public String label(LocalDate start) {
    return switch (this) {
      case MONTH -> String.format(Locale.ROOT, "%d-%02d", start.getYear(), start.getMonthValue());
      case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
      case YEAR -> Integer.toString(start.getYear());
    };
  }

  /** {@code month}, {@code quarter} or {@code year}, in any case. */
  public static Period byName(String name) {
    for (Period p : values()) {
      if (p.name().equalsIgnoreCase(name.strip())) {
        return p;
      }
    }
    throw new IllegalArgumentException("must be month, quarter or year but was '" + name + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
