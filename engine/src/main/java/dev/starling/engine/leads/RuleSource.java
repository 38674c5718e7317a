package dev.starling.engine.leads;

import dev.starling.engine.error.StarlingException;
import dev.starling.engine.config.Config;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.RuleBook;
import dev.starling.rules.RulesException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which rules a data directory uses: {@code rules.file} of its configuration, else the built-in default pack. */
public final class RuleSource {
  private RuleSource() {}

  /**
   * Loads and checks the rules.
   *
   * @param explicit a file named on the command line, or {@code null}
   * @throws StarlingException listing every problem of the file with its line
   */
  public static RuleBook load(Path dataDir, Config config, Path explicit) {
    FeatureSchema schema = FeatureSchema.standard();
    Path file = explicit != null ? explicit : config.rulesFile() == null ? null : dataDir.resolve(config.rulesFile());
    try {
      if (file == null) {
        return RuleBook.defaults(schema);
      }
      if (!Files.exists(file)) {
        throw new StarlingException(file + ": no such rules file" + (explicit == null
            ? " (named by rules.file in " + dataDir.resolve("starling.yaml") + "; 'starling init --rules-only' writes the default one and changes nothing else)" : ""));
      }
      return RuleBook.load(file, schema);
    } catch (RulesException e) {
      throw new StarlingException(e.getMessage(), e);
    }
  }
}
