package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** rules.file may point at any file: its errors must not print it, and no file may hang or flood the reader. */
class ForeignRulesFileTest {

  private static String error(Path file) {
    return assertThrows(RulesException.class, () -> RuleBook.load(file, FeatureSchema.standard())).getMessage();
  }

  @Test
  void passwordFileNamedAsRulesFileHadEveryLineQuotedAsAnUnknownKeyAndNowNoneIs(@TempDir Path dir) throws IOException {
    Path shadow = Files.writeString(dir.resolve("shadow"), """
        root:$y$j9T$Qm0secretsalt$0nlyTheF1rstLineAppeared:20228:0:99999:7:::
        daemon: *:20228:0:99999:7:::
        """);
    assertEquals(shadow + ":1: is not a Starling rules file: it has neither 'version:' nor 'rules:' at the top"
        + " (its lines are not shown)", error(shadow));
  }

  @Test
  void unknownKeyOfARulesFileIsQuotedAsAShortExcerptOnly(@TempDir Path dir) throws IOException {
    Path rules = Files.writeString(dir.resolve("rules.yaml"), """
        version: 1
        rules: []
        this-key-is-much-longer-than-any-real-key-would-ever-be: 1
        """);
    assertEquals(rules + ":3: unknown key 'this-key-is-much-longer-than-any…' (accepted keys: version, rules)", error(rules));
  }

  @Test
  @Timeout(10)
  void devZeroAsRulesFileWouldHangTheReadAndIsRefused() {
    assertEquals("/dev/zero:0: is not a regular file (a directory, a device or a pipe); a rules file is a YAML text file",
        error(Path.of("/dev/zero")));
  }

  @Test
  @Timeout(10)
  void fifoAsRulesFileIsRefused(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("rules.yaml");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(true, mk.waitFor(5, TimeUnit.SECONDS) && mk.exitValue() == 0);
    assertEquals(fifo + ":0: is not a regular file (a directory, a device or a pipe); a rules file is a YAML text file",
        error(fifo));
  }

  @Test
  void logFileNamedAsRulesFileIsRefusedBySizeUnread(@TempDir Path dir) throws IOException {
    Path log = Files.writeString(dir.resolve("mail.log"), "x".repeat((1 << 20) + 1));
    assertEquals(log + ":0: is 1048577 bytes; a rules file is a few KB of YAML (at most 1048576 bytes), so this is not one",
        error(log));
  }
}
