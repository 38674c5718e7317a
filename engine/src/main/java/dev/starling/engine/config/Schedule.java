package dev.starling.engine.config;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Objects;

/**
 * The {@code serve:} section of starling.yaml: when the weekly cycle runs, and which mailboxes it imports first.
 *
 * @param mailboxes {@code imaps://user@host/FOLDER} addresses; the password comes from {@code STARLING_IMAP_PASSWORD}
 */
public record Schedule(DayOfWeek day, LocalTime time, ZoneId zone, List<String> mailboxes) {
  public static final Schedule DEFAULTS = new Schedule(DayOfWeek.MONDAY, LocalTime.of(7, 0), ZoneId.of("UTC"), List.of());

  public Schedule {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(zone, "zone");
    mailboxes = List.copyOf(mailboxes);
  }

  /**
   * The first run strictly after {@code now}. In a daylight-saving gap the run moves to the first valid
   * time after it; in an overlap it runs at the earlier of the two.
   */
  public Instant nextAfter(Instant now) {
    ZonedDateTime local = now.atZone(zone);
    ZonedDateTime candidate = local.with(TemporalAdjusters.nextOrSame(day)).with(time);
    candidate = ZonedDateTime.of(candidate.toLocalDate(), time, zone);
    if (!candidate.toInstant().isAfter(now)) {
      candidate = ZonedDateTime.of(candidate.toLocalDate().plusWeeks(1), time, zone);
    }
    return candidate.toInstant();
  }

  /** The equivalent crontab line (cron runs in the machine's zone: set CRON_TZ or TZ to {@link #zone}). */
  public String cronLine(String command) {
    return "CRON_TZ=" + zone.getId() + "\n" + time.getMinute() + " " + time.getHour() + " * * " + (day.getValue() % 7) + " " + command;
  }
}
