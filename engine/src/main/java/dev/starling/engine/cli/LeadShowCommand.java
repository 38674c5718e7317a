package dev.starling.engine.cli;

import dev.starling.engine.app.SlaTables;
import dev.starling.engine.app.Starling;
import dev.starling.rules.Subject;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "One lead: who it is about, its rule and status, then its whole history, oldest step first.")
final class LeadShowCommand implements Callable<Integer> {
  @ParentCommand LeadCommand lead;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "ID", description = "The lead's number.")
  long id;

  @Override
  public Integer call() {
    StarlingCommand root = lead.root;
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      Starling.LeadSteps steps = s.leadSteps(id);
      output.print(SlaTables.list(List.of(steps.lead())), out, root.context, s.config().output());
      out.println();
      output.print(SlaTables.history(steps.steps()), out, root.context, s.config().output());
      if (output.forPeople()) {
        Subject subject = Subject.fromKey(steps.lead().subject()).orElse(Subject.SUBSCRIBER);
        s.suppression(subject, steps.lead().subjectKey()).ifPresent(why -> {
          out.println();
          output.note("Held back from new suggestions by sales' rejection: " + why.describe(s.config().output().timeZone())
              + ".", out, root.context, s.config().output());
        });
      }
      out.flush();
    }
    return 0;
  }
}
