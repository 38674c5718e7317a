package dev.starling.engine.cli;

import dev.starling.engine.app.LeadTable;
import dev.starling.engine.app.Starling;
import dev.starling.engine.leads.Lead;
import dev.starling.engine.leads.finder.LeadFinder;
import dev.starling.engine.report.Count;
import dev.starling.engine.report.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

@Command(name = "leads", mixinStandardHelpOptions = true,
    description = {"This week's lead suggestions, each with its reason.",
        "The rules file (the sales/marketing agreement) is evaluated over every subscriber and account. New",
        "suggestions are stored; running it again in the same week changes nothing. Never suggests unsubscribed,",
        "complained or hard-bounced people; respects each rule's cooldown."})
final class LeadsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Option(names = "--week", paramLabel = "YYYY-Www", converter = OptionValues.Week.class, description = "Show the stored suggestions of another week instead of computing this one.")
  String week;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      List<Lead> leads;
      if (week == null) {
        LeadFinder.Run run = s.suggestLeads();
        leads = run.leads();
        if (output.forPeople()) {
          output.note(String.format(Locale.ROOT, "Week %s: %s (%,d new this run) from %s and %s; %s suppressed"
                  + " (unsubscribed, complained, hard-bounced), %s held back (cooldown or no new activity).",
              run.week(), Count.of(leads.size(), "lead suggestion"), run.created(), Count.of(run.subscribers(), "subscriber"),
              Count.of(run.accounts(), "account"), Count.of(run.suppressed(), "match", "matches"),
              Count.of(run.held(), "match", "matches")), out, root.context, s.config().output());
          out.println();
        }
        // One line per rule skipped on some subjects, after the output (stderr: the data on stdout stays clean).
        run.skipped().forEach(f -> root.spec.commandLine().getErr().println("starling: " + f.describe()));
      } else {
        leads = s.leadsOfWeek(week);
      }
      Table table = LeadTable.of(leads);
      output.print(output.forPeople() ? table.select(LeadTable.FOR_PEOPLE) : table, out, root.context, s.config().output());
      if (leads.isEmpty() && output.forPeople()) {
        out.println("No lead suggestions.");
      }
      out.flush();
    }
    return 0;
  }
}
