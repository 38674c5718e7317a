package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.leads.LeadStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "lead", mixinStandardHelpOptions = true,
    description = {"Record what sales made of a lead: accepted, contacted, won, lost or rejected.",
        "Allowed steps: suggested -> accepted|rejected; accepted -> contacted|won|lost|rejected;",
        "contacted -> won|lost|rejected; rejected -> accepted; won and lost are final. Every step is kept.",
        "A rejected lead is not suggested again for that rule until its cooldown has passed."})
final class LeadCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(index = "0", paramLabel = "ID", description = "The lead's number (the # column of 'starling leads').")
  long id;

  @Parameters(index = "1", paramLabel = "STATUS", description = "accepted, contacted, won, lost or rejected.")
  String status;

  @Option(names = "--by", paramLabel = "NAME", description = "Who is recording this step (kept in the lead's history).")
  String by;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why (kept in the lead's history).")
  String note;

  @Override
  public Integer call() {
    LeadStatus to = LeadStatus.ofCode(status);
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      s.transitionLead(id, to, by, note);
      root.spec.commandLine().getOut().printf("Lead #%d is now %s%n", id, to.code());
      root.spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
