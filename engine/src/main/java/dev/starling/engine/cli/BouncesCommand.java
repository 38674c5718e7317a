package dev.starling.engine.cli;

import dev.starling.connectors.BounceKind;
import dev.starling.engine.app.Starling;
import dev.starling.engine.report.Table;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

@Command(name = "bounces", mixinStandardHelpOptions = true,
    description = {"List the stored bounces with their class and what the receiving server said.",
        "hard suppresses at once, soft when repeated, block never (docs/formats.md, \"Bounce classes\")."})
final class BouncesCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Option(names = "--since", paramLabel = "DATE", description = "Only bounces on or after DATE (yyyy-mm-dd, UTC).")
  String since;

  @Option(names = "--class", paramLabel = "CLASS", description = "Only hard, soft or block bounces.")
  String bounceClass;

  @Override
  public Integer call() {
    Instant from = null;
    if (since != null) {
      try {
        from = LocalDate.parse(since.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        throw new ParameterException(output.mixee.commandLine(), "--since must be a date like 2025-02-01 but was '"
            + since + "'");
      }
    }
    BounceKind kind = null;
    if (bounceClass != null) {
      try {
        kind = BounceKind.valueOf(bounceClass.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(output.mixee.commandLine(), "--class must be hard, soft or block but was '"
            + bounceClass + "'");
      }
    }
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      Table table = s.bounces(from, kind);
      output.print(table, out, root.context, s.config().output());
      if (output.forPeople() && table.materialise().isEmpty()) {
        output.note("No bounces" + (kind == null ? "" : " of class " + kind.name().toLowerCase(Locale.ROOT))
            + (from == null ? "" : " since " + since.strip()) + ".", out, root.context, s.config().output());
      }
      out.flush();
    }
    return 0;
  }
}
