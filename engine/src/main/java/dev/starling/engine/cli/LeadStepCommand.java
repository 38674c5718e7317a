package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.leads.LeadStatus;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The outcome verbs of {@code starling lead}: the same step, each to its own status. */
abstract class LeadStepCommand implements Callable<Integer> {
  @ParentCommand LeadCommand lead;

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The lead's number (see 'starling lead list').")
  Long id;

  @Option(names = "--by", paramLabel = "NAME", description = "Who is recording this step (kept in the lead's history).")
  String by;

  @Option(names = "--note", paramLabel = "TEXT", description = "Why (kept in the lead's history).")
  String note;

  /** The status this verb moves the lead to: each verb is this one step with its own target. */
  private final LeadStatus to;

  LeadStepCommand(LeadStatus to) {
    this.to = to;
  }

  /** The rejection reason; only {@code reject} has the option. */
  String reason() {
    return null;
  }

  @Override
  public Integer call() {
    if (id != null && lead.id != null) {
      throw new ParameterException(spec.commandLine(), "give the lead's ID once, not " + lead.id + " and " + id);
    }
    long which = id != null ? id : lead.id != null ? lead.id : missing();
    StarlingCommand root = lead.root;
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      s.transitionLead(which, to, by != null ? by : lead.by, note != null ? note : lead.note, reason());
      PrintWriter out = root.spec.commandLine().getOut();
      out.printf("Lead #%d is now %s%s%n", which, to.code(),
          reason() == null ? "" : " (" + reason().strip().toLowerCase(java.util.Locale.ROOT) + ")");
      out.flush();
    }
    return 0;
  }

  private long missing() {
    throw new ParameterException(spec.commandLine(), "Missing required parameter: 'ID'");
  }

  @Command(name = "accept", mixinStandardHelpOptions = true, description = "Sales takes the lead (suggested or rejected -> accepted).")
  static final class Accept extends LeadStepCommand {
    Accept() {
      super(LeadStatus.ACCEPTED);
    }
  }

  @Command(name = "contacted", mixinStandardHelpOptions = true, description = "Sales has contacted the person (accepted -> contacted).")
  static final class Contacted extends LeadStepCommand {
    Contacted() {
      super(LeadStatus.CONTACTED);
    }
  }

  @Command(name = "won", mixinStandardHelpOptions = true, description = "The deal is won (accepted or contacted -> won; final).")
  static final class Won extends LeadStepCommand {
    Won() {
      super(LeadStatus.WON);
    }
  }

  @Command(name = "lost", mixinStandardHelpOptions = true, description = "The deal is lost (accepted or contacted -> lost; final).")
  static final class Lost extends LeadStepCommand {
    Lost() {
      super(LeadStatus.LOST);
    }
  }

  @Command(name = "reject", mixinStandardHelpOptions = true,
      description = {"Sales does not want the lead (suggested, accepted or contacted -> rejected).",
          "--reason is one of leads.rejection-reasons in starling.yaml (default: not a fit, already a customer,",
          "wrong person, no budget, other)."})
  static final class Reject extends LeadStepCommand {
    @Option(names = "--reason", paramLabel = "REASON", description = "Why, from the configured list.")
    String reason;

    Reject() {
      super(LeadStatus.REJECTED);
    }

    @Override
    String reason() {
      return reason;
    }
  }
}
