package dev.starling.connectors.spreadsheet;

import dev.starling.connectors.Times;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as marketers' sheets hold them: day-first text ({@code 14/02/2025}, {@code 14-02-2025 09:30}),
 * Excel serial day numbers ({@code 45702}, {@code 45702.5}), or anything {@link Times} reads. Day-first
 * lives here and not in {@link Times} because {@code 02/03/2025} means March in Spain and February in
 * the US: only a spreadsheet from a day-first locale may read it so. Times without a zone are UTC.
 * Public for the engine's reader of sales' outcome exports, which are the same kind of sheet.
 */
public final class SheetDates {

  private static final Pattern DAY_FIRST =
      Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?");
  private static final Pattern SERIAL = Pattern.compile("\\d{1,7}(?:\\.\\d+)?");
  /** 9999-12-31 in the 1900 date system. */
  private static final double MAX_SERIAL = 2_958_465;
  private static final LocalDateTime EXCEL_EPOCH = LocalDateTime.of(1899, 12, 30, 0, 0);

  private SheetDates() {}

  /** @throws IllegalArgumentException naming the value and the accepted forms */
  public static long parseMillis(String raw) {
    String s = raw.strip();
    Matcher m = DAY_FIRST.matcher(s);
    try {
      if (m.matches()) {
        LocalDate d = LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
        LocalDateTime t = m.group(4) == null ? d.atStartOfDay()
            : d.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      if (SERIAL.matcher(s).matches() && Double.parseDouble(s) <= MAX_SERIAL) {
        return fromSerial(Double.parseDouble(s));
      }
      return Times.parseMillis(s);
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "must be a date as dd/mm/yyyy, ISO-8601 or an Excel serial number but was '" + raw + "'", e);
    }
  }

  /** Serial day numbers of the 1900 system (day 1 = 1900-01-01; Excel's phantom 1900-02-29 is day 60). */
  static long fromSerial(double serial) {
    if (serial < 1) {
      throw new IllegalArgumentException("serial " + serial + " is before 1900");
    }
    double days = serial < 61 ? serial + 1 : serial;
    long whole = (long) Math.floor(days);
    long millisOfDay = Math.round((days - whole) * 86_400_000d);
    return EXCEL_EPOCH.plusDays(whole).toInstant(ZoneOffset.UTC).toEpochMilli() + millisOfDay;
  }
}
