package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.config.ConfigFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", mixinStandardHelpOptions = true,
    description = "Create the data directory: the store, a commented configuration file with every default, and the default lead rules (rules.yaml).")
final class InitCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--force", description = "Replace an existing configuration file and rules file with the defaults.")
  boolean force;

  @Override
  public Integer call() {
    Path dir = root.dataDir();
    Path file = ConfigFile.writeDefault(dir, force);
    Path rules = dir.resolve("rules.yaml");
    boolean wroteRules = force || !java.nio.file.Files.exists(rules);
    if (wroteRules) {
      try {
        java.nio.file.Files.writeString(rules, dev.starling.rules.RuleBook.defaultRulesText());
      } catch (java.io.IOException e) {
        throw new dev.starling.engine.error.StarlingException(rules + ": cannot write: " + e.getMessage(), e);
      }
    }
    try (Starling s = Starling.create(dir, root.context.clock())) {
      var out = root.spec.commandLine().getOut();
      out.println("Wrote " + file + " (edit it to change thresholds)");
      out.println(wroteRules ? "Wrote " + rules + " (the lead rules: the sales/marketing agreement; check edits with 'starling rules check')"
          : "Kept " + rules + " (already there)");
      out.println("Store " + s.store().file() + " is at schema version " + s.store().schemaVersion());
      out.flush();
    }
    return 0;
  }
}
