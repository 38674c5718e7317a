package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.config.ConfigFile;
import dev.starling.engine.error.StarlingException;
import dev.starling.rules.RuleBook;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Creates what a data directory lacks and never loses an edited file: an existing file is kept, and
 * {@code --force} copies one that differs from the default to {@code NAME.bak} (then {@code NAME.1.bak},
 * ..., never over an older backup) before replacing it.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
    description = {"Create the data directory: the store, a commented configuration file with every default, and the"
        + " default lead rules (rules.yaml).", "Files already there are kept; with --force each is replaced, and an"
        + " edited one is first copied to NAME.bak."})
final class InitCommand implements Callable<Integer> {
  static final String RULES = "rules.yaml";

  @ParentCommand StarlingCommand root;

  @Option(names = "--force", description = "Replace the existing files with the defaults (an edited file is first copied to NAME.bak).")
  boolean force;

  @Option(names = "--rules-only", description = "Only write the rules file (" + RULES + "); leave starling.yaml as it is.")
  boolean rulesOnly;

  @Override
  public Integer call() {
    Path dir = root.dataDir();
    PrintWriter out = root.spec.commandLine().getOut();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StarlingException(dir + ": cannot create the data directory: " + e.getMessage(), e);
    }
    if (!rulesOnly) {
      write(dir.resolve(ConfigFile.NAME), ConfigFile.defaultText(), "edit it to change thresholds", out);
    }
    write(dir.resolve(RULES), RuleBook.defaultRulesText(),
        "the lead rules: the sales/marketing agreement; check edits with 'starling rules check'", out);
    if (!rulesOnly) {
      try (Starling s = Starling.create(dir, root.context.clock())) {
        out.println("Store " + s.store().file() + " is at schema version " + s.store().schemaVersion());
      }
    }
    out.flush();
    return 0;
  }

  /** Writes {@code text} to {@code file} unless it is there already; with --force, backs up an edited file first. */
  private void write(Path file, String text, String what, PrintWriter out) {
    try {
      if (Files.exists(file)) {
        String current = Files.readString(file, StandardCharsets.UTF_8);
        if (!force || current.equals(text)) {
          out.println("Kept " + file + " (already there" + (force ? ", as the default" : "; --force replaces it") + ")");
          return;
        }
        Path backup = backup(file);
        Files.copy(file, backup);
        out.println("Copied " + file + " to " + backup + " (your edits)");
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
      out.println("Wrote " + file + " (" + what + ")");
    } catch (IOException e) {
      throw new StarlingException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** {@code NAME.bak}, or the first free {@code NAME.n.bak}: an older backup may hold older edits. */
  private static Path backup(Path file) {
    Path bak = file.resolveSibling(file.getFileName() + ".bak");
    for (int n = 1; Files.exists(bak); n++) {
      bak = file.resolveSibling(file.getFileName() + "." + n + ".bak");
    }
    return bak;
  }
}
