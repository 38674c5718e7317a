package dev.starling.engine.campaigns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The days a report covers, both ends included ({@code --from 2026-01-01 --to 2026-03-31} is the first
 * quarter), in the report's time zone; an end left {@code null} is open.
 */
public record DateRange(LocalDate from, LocalDate to) {
  public static final DateRange ALL = new DateRange(null, null);

  public DateRange {
    if (from != null && to != null && to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
  }

  /** The first instant in range, or {@code null}. */
  public Instant start(ZoneId zone) {
    return from == null ? null : from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the range, or {@code null}. */
  public Instant end(ZoneId zone) {
    return to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  public boolean isAll() {
    return from == null && to == null;
  }
}
