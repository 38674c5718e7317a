package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.leads.LeadStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code starling lead}: one verb per outcome ({@code lead accept 12}) plus the list and a lead's
 * history, and the older form {@code lead 12 accepted}, kept because scripts use it. The two meet in
 * {@code lead 12 won}: picocli reads {@code won} as the verb, so each verb takes its ID from here when
 * it has none of its own.
 */
@Command(name = "lead", mixinStandardHelpOptions = true,
    description = {"Record what sales made of a lead: accepted, contacted, won, lost or rejected.",
        "Allowed steps: suggested -> accepted|rejected; accepted -> contacted|won|lost|rejected;",
        "contacted -> won|lost|rejected; rejected -> accepted; won and lost are final. Every step is kept.",
        "A rejected lead is not suggested again for that rule until its cooldown has passed.",
        "Also: starling lead ID STATUS [--by NAME] [--note TEXT] (the older form)."},
    subcommands = {LeadStepCommand.Accept.class, LeadStepCommand.Contacted.class, LeadStepCommand.Won.class,
        LeadStepCommand.Lost.class, LeadStepCommand.Reject.class, LeadListCommand.class, LeadShowCommand.class,
        LeadImportCommand.class, LeadRepliesCommand.class})
final class LeadCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  // Optional for picocli, so a verb after the ID is not refused for a missing STATUS; call() requires both.
  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The lead's number (the # column of 'starling leads').")
  Long id;

  @Parameters(index = "1", arity = "0..1", paramLabel = "STATUS", description = "accepted, contacted, won, lost or rejected.")
  String status;

  @Option(names = "--by", paramLabel = "NAME", description = "Who is recording this step (kept in the lead's history).")
  String by;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why (kept in the lead's history).")
  String note;

  @Override
  public Integer call() {
    if (id == null || status == null) {
      throw new ParameterException(root.spec.commandLine().getSubcommands().get("lead"),
          "Missing required parameters: " + (id == null ? "'ID', 'STATUS'" : "'STATUS'"));
    }
    LeadStatus to = LeadStatus.ofCode(status);
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      s.transitionLead(id, to, by, note);
      root.spec.commandLine().getOut().printf("Lead #%d is now %s%n", id, to.code());
      root.spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
