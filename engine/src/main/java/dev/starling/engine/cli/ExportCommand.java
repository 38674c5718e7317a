package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.export.WorkbookExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the managers' Excel workbook: key figures and charts, campaigns, periods, stars, leads,",
        "accounts and links. Dates and periods are in the configured time zone."})
final class ExportCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(index = "0", paramLabel = "FILE.xlsx", description = "The workbook to write (replaced if it exists).")
  Path file;

  @Option(names = "--from", paramLabel = "DATE", description = "First day of campaigns to include (YYYY-MM-DD).")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "Last day of campaigns to include (YYYY-MM-DD).")
  String to;

  @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "month",
      description = "month, quarter or year (default: ${DEFAULT-VALUE}).")
  String period;

  @Option(names = "--lang", paramLabel = "LANG", description = "Sheet and header language: en or es.")
  String lang;

  @Override
  public Integer call() {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      throw new StarlingException("the workbook must be an .xlsx file but was '" + file + "'");
    }
    DateRange range = range(from, to);
    Period p;
    try {
      p = Period.byName(period);
    } catch (IllegalArgumentException e) {
      throw new StarlingException("--period " + e.getMessage());
    }
    Locale language = language(lang);
    ZoneId zone = ZoneId.of("UTC");
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      WorkbookExporter.Result r = s.exportWorkbook(file, range, p, language, zone);
      out.printf(Locale.ROOT, "%s: %s, %s, %s, %s, %s, %s%n", file, count(r.campaigns(), "campaign"),
          count(r.periods(), p.toString()), count(r.stars(), "star subscriber"), count(r.leads(), "lead"),
          count(r.accounts(), "engaged account"), count(r.links(), "link row"));
      out.flush();
    }
    return 0;
  }

  private static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }

  static Locale language(String lang) {
    if (lang == null) {
      return Locale.ENGLISH;
    }
    if (!lang.equals("en") && !lang.equals("es")) {
      throw new StarlingException("--lang must be en or es but was '" + lang + "'");
    }
    return Locale.forLanguageTag(lang);
  }

  static DateRange range(String from, String to) {
    try {
      return new DateRange(date("--from", from), date("--to", to));
    } catch (IllegalArgumentException e) {
      throw new StarlingException(e.getMessage());
    }
  }

  private static LocalDate date(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new StarlingException(option + " must be a date like 2026-03-31 but was '" + text + "'");
    }
  }
}
