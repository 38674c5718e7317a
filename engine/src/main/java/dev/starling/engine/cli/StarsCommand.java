package dev.starling.engine.cli;

import dev.starling.engine.app.StarTable;
import dev.starling.engine.app.Starling;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;

@Command(name = "stars", mixinStandardHelpOptions = true,
    description = {"List the star subscribers: people who human-opened nearly every newsletter they received.",
        "Thresholds come from starling.yaml (stars:), overridden by the options."})
final class StarsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Option(names = "--top", paramLabel = "N", converter = OptionValues.Count.class, description = "Show at most N (default: all).")
  Integer top;

  @Option(names = "--min-campaigns", paramLabel = "N", converter = OptionValues.Count.class, description = "Received at least N campaigns.")
  Integer minCampaigns;

  @Option(names = "--min-ratio", paramLabel = "R", converter = OptionValues.Ratio.class,
      description = "Human-opened at least this share of them: 0.9, 0,9 or 90%% (0 < R <= 1).")
  Double minRatio;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      StarCriteria base = s.config().stars();
      StarCriteria criteria;
      try {
        criteria = new StarCriteria(minCampaigns != null ? minCampaigns : base.minCampaigns(),
            minRatio != null ? minRatio : base.minRatio());
      } catch (IllegalArgumentException e) {
        throw new ParameterException(output.mixee.commandLine(), "--" + e.getMessage());
      }
      List<Star> stars = s.stars(criteria, top == null ? 0 : top);
      output.print(StarTable.of(stars), out, root.context, s.config().output());
      if (stars.isEmpty() && output.forPeople()) {
        output.note("No star subscribers under these thresholds.", out, root.context, s.config().output());
        out.flush();
      }
    }
    return 0;
  }
}
