package dev.starling.engine.cli;

import dev.starling.engine.Starling;
import dev.starling.engine.config.ConfigFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create the data directory: the store and a commented configuration file with every default.")
final class InitCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--force", description = "Replace an existing configuration file with the defaults.")
  boolean force;

  @Override
  public Integer call() {
    Path dir = root.dataDir();
    Path file = ConfigFile.writeDefault(dir, force);
    try (Starling s = Starling.open(dir, root.context.clock())) {
      var out = root.spec.commandLine().getOut();
      out.println("Wrote " + file + " (edit it to change thresholds)");
      out.println("Store " + s.store().file() + " is at schema version " + s.store().schemaVersion());
      out.flush();
    }
    return 0;
  }
}
