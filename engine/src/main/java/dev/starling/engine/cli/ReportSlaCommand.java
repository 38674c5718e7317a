package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.campaigns.Period;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "sla", mixinStandardHelpOptions = true,
    description = {"The agreement measured, per period of the suggestion (in output.time-zone) and per rule:",
        "suggested, accepted, contacted, won, lost, rejected; lead velocity (suggestion to acceptance, hours,",
        "median and 90th percentile); conversion time (acceptance to won, hours); conversion rate (won/accepted);",
        "effective leads (suggested minus won); lead velocity rate (month-over-month growth of accepted leads, %,",
        "months only); the share accepted within leads.response-business-days (Mon-Fri). See docs/sla.md."})
final class ReportSlaCommand implements Callable<Integer> {
  @ParentCommand ReportCommand report;

  @Mixin OutputOptions output;

  @Mixin DateRangeOptions range;

  @Option(names = "--period", paramLabel = "PERIOD", defaultValue = "month", converter = PeriodConverter.class,
      description = "month, quarter or year (default: ${DEFAULT-VALUE}).")
  Period period;

  @Override
  public Integer call() {
    StarlingCommand root = report.root;
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      output.print(s.slaReport(period, range.range()), out, root.context, s.config().output());
      out.flush();
    }
    return 0;
  }

  static final class PeriodConverter implements CommandLine.ITypeConverter<Period> {
    @Override
    public Period convert(String value) {
      try {
        return Period.byName(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
