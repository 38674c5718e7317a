package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.cli.CliRunner.Run;
import dev.starling.engine.config.ConfigFile;
import dev.starling.rules.RuleBook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code init} and {@code generate} never destroy what a person wrote. */
class InitCliTest {
  @TempDir Path tmp;

  Run run(String... args) {
    return CliRunner.run(CommandsCliTest.CLOCK, Map.of(), args);
  }

  @Test
  void initForceOverwroteAnEditedConfigurationWithoutABackup() throws IOException {
    String data = tmp.toString();
    assertEquals(0, run("init", "--data", data).code());
    Path config = tmp.resolve("starling.yaml");
    Path rules = tmp.resolve("rules.yaml");
    String edited = ConfigFile.defaultText().replace("min-ratio: 0.9", "min-ratio: 0.8");
    Files.writeString(config, edited);
    Files.writeString(tmp.resolve("starling.yaml.bak"), "an older backup\n");

    Run r = run("init", "--force", "--data", data);

    assertEquals(new Run(0, "Copied " + config + " to " + tmp.resolve("starling.yaml.1.bak") + " (your edits)\n"
        + "Wrote " + config + " (edit it to change thresholds)\n"
        + "Kept " + rules + " (already there, as the default)\n"
        + "Store " + tmp.resolve("starling.db") + " is at schema version " + schemaVersion() + "\n", ""), r);
    assertEquals(edited, Files.readString(tmp.resolve("starling.yaml.1.bak")));
    assertEquals("an older backup\n", Files.readString(tmp.resolve("starling.yaml.bak")));
    assertEquals(ConfigFile.defaultText(), Files.readString(config));
  }

  @Test
  void initOnAnExistingDirectoryKeepsEveryFile() throws IOException {
    String data = tmp.toString();
    assertEquals(0, run("init", "--data", data).code());
    Files.writeString(tmp.resolve("rules.yaml"), "version: 1\nrules:\n");
    Run r = run("init", "--data", data);
    assertEquals(new Run(0, "Kept " + tmp.resolve("starling.yaml") + " (already there; --force replaces it)\n"
        + "Kept " + tmp.resolve("rules.yaml") + " (already there; --force replaces it)\n"
        + "Store " + tmp.resolve("starling.db") + " is at schema version " + schemaVersion() + "\n", ""), r);
    assertEquals("version: 1\nrules:\n", Files.readString(tmp.resolve("rules.yaml")));
  }

  @Test
  void missingRulesHintSuggestedInitForceWhichAlsoReplacedTheConfiguration() throws IOException {
    String data = tmp.toString();
    assertEquals(0, run("init", "--data", data).code());
    String edited = ConfigFile.defaultText().replace("min-ratio: 0.9", "min-ratio: 0.8");
    Files.writeString(tmp.resolve("starling.yaml"), edited);
    Files.delete(tmp.resolve("rules.yaml"));

    assertEquals(new Run(1, "", "starling: " + tmp.resolve("rules.yaml") + ": no such rules file (named by rules.file in "
        + tmp.resolve("starling.yaml") + "; 'starling init --rules-only' writes the default one and changes nothing else)\n"),
        run("rules", "check", "--data", data));
    assertEquals(new Run(0, "Wrote " + tmp.resolve("rules.yaml") + " (the lead rules: the sales/marketing agreement; check"
        + " edits with 'starling rules check')\n", ""), run("init", "--rules-only", "--data", data));
    assertEquals(edited, Files.readString(tmp.resolve("starling.yaml")));
    assertEquals(RuleBook.defaultRulesText(), Files.readString(tmp.resolve("rules.yaml")));
    assertEquals(0, run("rules", "check", "--data", data).code());
  }

  @Test
  void generateWroteIntoANonEmptyFolder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("gen"));
    Files.writeString(dir.resolve("notes.txt"), "mine\n");
    assertEquals(new Run(1, "", "starling: " + dir + " is not empty (1 file or folder); choose an empty folder, or add"
        + " --force to write into it (files of the same name are replaced)\n"),
        run("generate", "--subscribers", "50", "--campaigns", "3", dir.toString()));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("notes.txt")), files.toList());
    }
    Run forced = run("generate", "--subscribers", "50", "--campaigns", "3", "--force", dir.toString());
    assertEquals(0, forced.code(), forced.err());
    assertEquals("mine\n", Files.readString(dir.resolve("notes.txt")));
    assertEquals(true, Files.exists(dir.resolve("events.csv")));
  }

  private int schemaVersion() {
    Run r = run("init", "--data", tmp.resolve("probe").toString());
    String line = r.out().lines().filter(l -> l.startsWith("Store ")).findFirst().orElseThrow();
    return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1));
  }
}
