package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.config.OutputSettings;
import dev.starling.engine.export.WorkbookExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write the managers' Excel workbook: key figures and charts, campaigns, periods, star",
        "subscribers, lead suggestions, engaged accounts and links. Days and periods are in the configured",
        "time zone (output.time-zone in starling.yaml)."})
final class ExportCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE.xlsx", description = "The workbook to write (replaced if it exists).")
  Path file;

  @Mixin DateRangeOptions dates;

  @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "month",
      description = "month, quarter or year (default: ${DEFAULT-VALUE}).")
  String period;

  @Option(names = "--lang", paramLabel = "LANG",
      description = "Sheet and header language, en or es (default: output.language in starling.yaml, else en).")
  String lang;

  @Override
  public Integer call() {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
      throw new ParameterException(spec.commandLine(), "the workbook must be an .xlsx file but was '" + file + "'");
    }
    DateRange range = dates.range();
    Period p;
    try {
      p = Period.byName(period);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--period " + e.getMessage());
    }
    if (lang != null && !lang.equals("en") && !lang.equals("es")) {
      throw new ParameterException(spec.commandLine(), "--lang must be en or es but was '" + lang + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      OutputSettings settings = s.config().output();
      Locale language = lang != null ? Locale.forLanguageTag(lang) : settings.language();
      WorkbookExporter.Result r = s.exportWorkbook(file, range, p, language, settings.timeZone());
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
}
