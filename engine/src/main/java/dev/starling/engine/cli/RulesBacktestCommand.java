package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.campaigns.DateRange;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Replay a rules file over the stored history, week by week (ISO weeks, UTC), and count per month",
        "the leads it would have suggested and how many of those people later became won leads, with the",
        "machine-open filtering on and off. Works on scratch copies: the stored leads are not touched.",
        "Without FILE: the data directory's rules file (rules.file in starling.yaml), else the built-in pack.",
        "See docs/sla.md."})
final class RulesBacktestCommand implements Callable<Integer> {
  @ParentCommand RulesCommand parent;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin DateRangeOptions range;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "The rules file to back-test.")
  Path file;

  @Override
  public Integer call() {
    StarlingCommand root = parent.root;
    DateRange days = range.range();
    if (days.from() == null || days.to() == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "backtest needs both --from and --to");
    }
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      output.print(s.backtest(file, days.from(), days.to()), out, root.context, s.config().output());
      out.flush();
    }
    return 0;
  }
}
