package dev.starling.engine.cli;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The converters every command's options share, so that {@code --top}, {@code --min-ratio} and
 * {@code --week} accept and refuse the same things everywhere, and each refusal shows the expected form.
 * picocli prefixes the message with the option ({@code Invalid value for option '--top' (N): ...}).
 *
 * <p>A marketer types a share the way a spreadsheet shows it: {@code 90%} and, in Spanish, {@code 0,9}
 * are plain, so both are accepted. A comma is read as a decimal comma only when it is the one
 * separator and cannot be a thousands separator ({@code 1,000} is refused rather than guessed).
 */
final class OptionValues {
  private static final Pattern PERCENT = Pattern.compile("(\\d{1,3}(?:[.,]\\d+)?)\\s*%");
  private static final Pattern DECIMAL = Pattern.compile("\\d*(?:[.,]\\d+)?|\\d+[.,]");
  /** {@code 1,000}: a thousands separator in English, a decimal comma in Spanish; too ambiguous to guess. */
  private static final Pattern THOUSANDS = Pattern.compile("[1-9]\\d{0,2},\\d{3}");
  private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

  private OptionValues() {}

  /**
   * A value refused with a message that reads after the option's name ({@code --top must be ...}):
   * {@link ErrorReport} puts the name in front instead of picocli's "Invalid value for option".
   */
  static final class Refused extends TypeConversionException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** A whole number of 1 or more: how many to show, how many campaigns, people. */
  static final class Count implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String t = value.strip();
      if (t.matches("\\d{1,9}")) {
        int n = Integer.parseInt(t);
        if (n >= 1) {
          return n;
        }
      }
      throw new Refused("must be a whole number of 1 or more, e.g. 10, but was '" + value + "'");
    }
  }

  /** A share in (0, 1]: {@code 0.9}, {@code 0,9} or {@code 90%}. */
  static final class Ratio implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      String t = value.strip();
      double r = Double.NaN;
      Matcher percent = PERCENT.matcher(t);
      if (percent.matches()) {
        r = Double.parseDouble(percent.group(1).replace(',', '.')) / 100;
      } else if (!t.isEmpty() && DECIMAL.matcher(t).matches() && !THOUSANDS.matcher(t).matches()) {
        r = Double.parseDouble(t.replace(',', '.'));
      }
      if (r > 0 && r <= 1) {
        return r;
      }
      throw new Refused("must be a share above 0 and at most 1, such as 0.9 or 90%, but was '"
          + value + "'");
    }
  }

  /** An ISO week that exists, {@code 2026-W48}; returned as written, the form leads are stored under. */
  static final class Week implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String t = value.strip();
      Matcher m = WEEK.matcher(t);
      if (m.matches()) {
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        // 52 or 53 weeks, depending on the year; mid-year is always inside the week-based year.
        long last = LocalDate.of(year, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (week >= 1 && week <= last) {
          return t;
        }
        throw new Refused("must be an ISO week like " + year + "-W48; " + year + " has weeks W01 to W"
            + last + ", so '" + value + "' does not exist");
      }
      throw new Refused("must look like 2026-W48 but was '" + value + "'");
    }
  }
}
