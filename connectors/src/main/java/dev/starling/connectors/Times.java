package dev.starling.connectors;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;

/**
 * Parses the time forms that exports use into UTC epoch milliseconds: ISO 8601 with or without a zone
 * ({@code 2025-01-15T15:00:03.412Z}, {@code 2025-01-15T05:00:03.1733441-05:00},
 * {@code 2025-01-15 15:00:03}), a bare date, and epoch seconds or milliseconds (integer or decimal).
 * A time with no zone is taken as UTC, the convention of every provider export we read.
 */
public final class Times {

  private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(LOCAL)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HH:MM:ss", "Z")
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  private static final DateTimeFormatter OFFSET_COMPACT = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(LOCAL)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendOffset("+HHMM", "Z")
      .toFormatter()
      .withResolverStyle(ResolverStyle.STRICT);

  /** Seconds below this are taken as seconds, above as milliseconds (year 2286 vs 1970-04). */
  private static final long SECONDS_LIMIT = 10_000_000_000L;

  private Times() {}

  /**
   * @throws IllegalArgumentException naming the value and the accepted forms
   */
  public static long parseMillis(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("time is missing");
    }
    String s = raw.strip();
    long fast = parseIsoUtcFast(s);
    if (fast != Long.MIN_VALUE) {
      return fast;
    }
    char c0 = s.charAt(0);
    if (c0 >= '0' && c0 <= '9' && s.length() <= 20 && s.indexOf('-') < 0 && s.indexOf(':') < 0) {
      return parseEpoch(s, raw);
    }
    try {
      if (s.endsWith("Z") || s.endsWith("z") || hasOffset(s)) {
        try {
          return OffsetDateTime.parse(s, OFFSET).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
          return OffsetDateTime.parse(s, OFFSET_COMPACT).toInstant().toEpochMilli();
        }
      }
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      return LocalDateTime.parse(s, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(expected(raw), e);
    }
  }

  private static String expected(String raw) {
    return "time must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was '" + raw + "'";
  }

  /** {@code 2025-01-15T15:00:03Z} as written by Starling, in the shape ISO-8601 tools print. */
  public static String format(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  private static boolean hasOffset(String s) {
    int t = Math.max(s.indexOf('T'), s.indexOf(' '));
    if (t < 0) {
      return false;
    }
    int plus = s.indexOf('+', t);
    int minus = s.indexOf('-', t);
    return plus > 0 || minus > 0;
  }

  private static long parseEpoch(String s, String raw) {
    try {
      int dot = s.indexOf('.');
      if (dot < 0) {
        long v = Long.parseLong(s);
        return v < SECONDS_LIMIT ? v * 1000 : v;
      }
      long whole = Long.parseLong(s.substring(0, dot));
      String frac = (s.substring(dot + 1) + "000").substring(0, 3);
      long ms = Long.parseLong(frac);
      return whole < SECONDS_LIMIT ? whole * 1000 + ms : whole;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected(raw), e);
    }
  }

  /**
   * The hot path: {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z} without the formatter machinery, which dominates
   * import time otherwise. Returns {@code Long.MIN_VALUE} when the text has any other shape.
   */
  static long parseIsoUtcFast(String s) {
    int n = s.length();
    if ((n != 20 && n != 24) || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int min = digits(s, 14, 2);
    int sec = digits(s, 17, 2);
    int ms = 0;
    if (n == 24) {
      if (s.charAt(19) != '.') {
        return Long.MIN_VALUE;
      }
      ms = digits(s, 20, 3);
    }
    if ((year | month | day | hour | min | sec | ms) < 0 || month < 1 || month > 12 || day < 1
        || hour > 23 || min > 59 || sec > 59) {
      return Long.MIN_VALUE;
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return ((epochDay * 86_400L) + hour * 3600L + min * 60L + sec) * 1000L + ms;
    } catch (DateTimeException e) {
      return Long.MIN_VALUE; // e.g. Feb 31: let the slow path produce the message
    }
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
