package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.app.StatsTable;
import dev.starling.engine.cache.CacheCounters;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "stats", mixinStandardHelpOptions = true,
    description = {"Show the search index's size and the caches' sizes and hit rates.",
        "Cache figures are summed over every command run on this data directory (each adds its own when it ends);",
        "size is the entries the last one held when it ended. Delete cache-stats.properties to start again."})
final class StatsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      output.print(StatsTable.of(s.searchIndex().stats(), CacheCounters.read(s.dataDir())), out, root.context,
          s.config().output());
      out.flush();
    }
    return 0;
  }
}
