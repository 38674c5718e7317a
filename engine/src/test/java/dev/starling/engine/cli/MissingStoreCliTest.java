package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Only init, import and demo create a store; a read command (or a lead's step) on a mistyped --data path
 * says so and creates nothing.
 */
class MissingStoreCliTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"stars", "imports", "leads", "lead 1 accepted", "explain ana@acme.example"})
  void aReadCommandOnAMistypedDataPathSilentlyCreatedAnEmptyStore(String command) {
    Path typo = tmp.resolve("starling-dtaa");
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--data", typo.toString()));
    Context ctx = new Context(Map.of(), Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), false);
    CommandLine cl = StarlingCommand.commandLine(ctx, false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args.toArray(String[]::new));
    assertEquals(List.of(1, "", "starling: no Starling store in " + typo
        + " (run 'starling init' or 'starling import' first)\n"), List.of(code, out.toString(), err.toString()));
    assertFalse(Files.exists(typo), "nothing created");
  }
}
