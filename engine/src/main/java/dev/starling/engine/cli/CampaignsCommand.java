package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.campaigns.CampaignFigures;
import dev.starling.engine.campaigns.CampaignReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "campaigns", mixinStandardHelpOptions = true,
    description = {"Each campaign's figures: sends, deliveries, bounces, unique human opens, machine opens, human",
        "clicks, complaints, unsubscribes and their rates (the workbook's Campaigns sheet). Days are in the",
        "configured time zone (output.time-zone in starling.yaml)."})
final class CampaignsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin DateRangeOptions dates;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    var range = dates.range();
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      List<CampaignFigures.Campaign> campaigns = s.campaigns(range, s.config().output().timeZone());
      output.print(CampaignReport.campaignTable(campaigns), out, root.context, s.config().output());
      if (campaigns.isEmpty() && output.forPeople()) {
        output.note("No campaigns in this range.", out, root.context, s.config().output());
      }
      out.flush();
    }
    return 0;
  }
}
