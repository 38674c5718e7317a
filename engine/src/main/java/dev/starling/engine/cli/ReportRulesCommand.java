package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"Each rule graded by what sales made of its suggestions: how many, the share accepted and won,",
        "the median hours to acceptance, the top rejection reasons, and mostly_rejected = yes when more than",
        "half of its decided suggestions (no longer just suggested) are rejected."})
final class ReportRulesCommand implements Callable<Integer> {
  @ParentCommand ReportCommand report;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    StarlingCommand root = report.root;
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      output.print(s.ruleGrades(), out, root.context, s.config().output());
      out.flush();
    }
    return 0;
  }
}
