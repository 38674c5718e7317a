package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.features.Star;
import dev.starling.engine.features.StarCriteria;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "stars", mixinStandardHelpOptions = true,
    description = {"List the star subscribers: people who human-opened nearly every newsletter they received.",
        "Thresholds come from starling.yaml (stars:), overridden by the options."})
final class StarsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--top", paramLabel = "N", description = "Show at most N (default: all).")
  int top;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--min-campaigns", paramLabel = "N", description = "Received at least N campaigns.")
  Integer minCampaigns;

  @Option(names = "--min-ratio", paramLabel = "R", description = "Human-opened at least this share of them (0 < R <= 1).")
  Double minRatio;

  @Override
  public Integer call() {
    StarReport report = report(format);
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      StarCriteria base = s.config().stars();
      StarCriteria criteria;
      try {
        criteria = new StarCriteria(minCampaigns != null ? minCampaigns : base.minCampaigns(),
            minRatio != null ? minRatio : base.minRatio());
      } catch (IllegalArgumentException e) {
        throw new dev.starling.engine.error.StarlingException("--" + e.getMessage());
      }
      List<Star> stars = s.stars(criteria, top);
      report.write(stars, out);
      out.flush();
    }
    return 0;
  }

  static StarReport report(String format) {
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "table" -> StarReport.TABLE;
      case "csv" -> StarReport.CSV;
      case "json" -> StarReport.JSON;
      default -> throw new dev.starling.engine.error.StarlingException("--format must be table, csv or json but was '" + format + "'");
    };
  }
}
