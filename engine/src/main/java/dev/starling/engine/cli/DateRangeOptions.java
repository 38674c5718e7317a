package dev.starling.engine.cli;

import dev.starling.engine.campaigns.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --from} and {@code --to}, the same on every campaign report (a picocli mixin). */
final class DateRangeOptions {
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--from", paramLabel = "DATE", description = "First day of campaigns to include (YYYY-MM-DD).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day of campaigns to include (YYYY-MM-DD).")
  String to;

  /** The days chosen, in the report's time zone; a usage error for a malformed or reversed range. */
  DateRange range() {
    try {
      return new DateRange(date("--from", from), date("--to", to));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  private LocalDate date(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new CommandLine.ParameterException(mixee.commandLine(),
          option + " must be a date like 2026-03-31 but was '" + text + "'");
    }
  }
}
