package dev.starling.engine.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code starling report}: the agreement's figures (SLA, rule grades); a verb is required. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Reports on the sales/marketing agreement: 'report sla' and 'report rules'.",
    subcommands = {ReportSlaCommand.class, ReportRulesCommand.class})
final class ReportCommand implements Runnable {
  @ParentCommand StarlingCommand root;

  @Override
  public void run() {
    root.spec.commandLine().getSubcommands().get("report").usage(root.spec.commandLine().getOut());
  }
}
