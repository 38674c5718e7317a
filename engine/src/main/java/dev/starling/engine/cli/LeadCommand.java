package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.leads.LeadFinder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "lead", mixinStandardHelpOptions = true,
    description = {"Record what sales made of a lead: accepted, contacted, won, lost or rejected.",
        "A rejected lead is not suggested again for that rule until its cooldown has passed."})
final class LeadCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(index = "0", paramLabel = "ID", description = "The lead's number (the # column of 'starling leads').")
  long id;

  @Parameters(index = "1", paramLabel = "STATUS", description = "accepted, contacted, won, lost or rejected.")
  String status;

  @Override
  public Integer call() {
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      LeadFinder.setStatus(s.store(), id, status, root.context.clock().millis());
      root.spec.commandLine().getOut().printf("Lead #%d is now %s%n", id, status);
      root.spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
