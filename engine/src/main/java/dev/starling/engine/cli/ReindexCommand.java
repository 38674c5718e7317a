package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.index.SubscriberIndex;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "reindex", mixinStandardHelpOptions = true,
    description = {"Rebuild the search index (index/ in the data directory) from the store.",
        "Never needed for correctness: the index follows each import and refresh, and a missing or damaged one is",
        "rebuilt on the next search. Searches in other processes see the old index until the new one is complete."})
final class ReindexCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      SubscriberIndex.Update u = s.reindex();
      SubscriberIndex.Stats st = s.searchIndex().stats();
      out.printf("Indexed %d subscribers and %d accounts in %.1f s.%n", st.subscribers(), st.accounts(), u.millis() / 1000.0);
      out.flush();
    }
    return 0;
  }
}
