package dev.starling.engine.cli;

import dev.starling.engine.app.SlaTables;
import dev.starling.engine.app.Starling;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.LeadTimeline;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", mixinStandardHelpOptions = true,
    description = {"Every stored lead, by number, with where it stands and its owner (the last person named with --by).",
        "Filters combine: --status accepted --owner Rita --rule star-subscriber."})
final class LeadListCommand implements Callable<Integer> {
  @ParentCommand LeadCommand lead;

  @Mixin OutputOptions output;

  @Option(names = "--status", paramLabel = "S", description = "Only leads now at this status (suggested, accepted, ...).")
  String status;

  @Option(names = "--owner", paramLabel = "NAME", description = "Only leads whose owner is NAME (any case).")
  String owner;

  @Option(names = "--rule", paramLabel = "ID", description = "Only leads of this rule.")
  String rule;

  @Override
  public Integer call() {
    LeadStatus only = status == null ? null : LeadStatus.ofCode(status);
    StarlingCommand root = lead.root;
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      List<LeadTimeline> leads = s.leadTimelines().stream()
          .filter(l -> only == null || l.status() == only)
          .filter(l -> owner == null || owner.strip().equalsIgnoreCase(l.owner()))
          .filter(l -> rule == null || rule.strip().equals(l.ruleId()))
          .toList();
      output.print(SlaTables.list(leads), out, root.context, s.config().output());
      if (leads.isEmpty() && output.forPeople()) {
        out.println("No leads.");
      }
      out.flush();
    }
    return 0;
  }
}
