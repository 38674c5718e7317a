package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Start-up registers only the subcommand a command line names; the list must match the commands' own names. */
class SubcommandRegistrationTest {
  @Test
  void eachListedNameIsTheNameTheCommandGivesItself() {
    for (Map.Entry<String, Class<?>> sub : StarlingCommand.SUBCOMMANDS) {
      assertEquals(sub.getKey(), sub.getValue().getAnnotation(Command.class).name());
    }
  }

  @Test
  void aCommandLineNamingOneSubcommandAfterRootOptionsGetsOnlyThatOne() {
    assertEquals("stars", StarlingCommand.onlySubcommand("stars", "--top", "5"));
    assertEquals("stars", StarlingCommand.onlySubcommand("--data", "stars", "stars"));
    assertEquals("lead", StarlingCommand.onlySubcommand("--verbose", "--data=x", "lead", "1", "won"));
    assertEquals("", StarlingCommand.onlySubcommand("--version"));
    assertEquals("", StarlingCommand.onlySubcommand("-V", "--verbose"));
  }

  @Test
  void helpUsageErrorsAndUnknownCommandsGetThemAll() {
    for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("-h"), List.of("help", "stars"),
        List.of("starz"), List.of("--bogus", "stars"), List.of("--version", "stars"), List.of("--data"), List.of("--", "stars"))) {
      assertNull(StarlingCommand.onlySubcommand(args.toArray(String[]::new)), args.toString());
    }
  }

  @Test
  void theCommandLineHasTheNamedSubcommandOrAll() {
    Context context = new Context(Map.of(), Clock.systemUTC(), false);
    assertEquals(List.of("formats"), List.copyOf(StarlingCommand.commandLine(context, false, "formats").getSubcommands().keySet()));
    assertEquals(List.of(), List.copyOf(StarlingCommand.commandLine(context, false, "--version").getSubcommands().keySet()));
    CommandLine all = StarlingCommand.commandLine(context, false, "--help");
    assertEquals(StarlingCommand.SUBCOMMANDS.stream().map(Map.Entry::getKey).toList(), List.copyOf(all.getSubcommands().keySet()));
    assertEquals(List.of("accept", "contacted", "won", "lost", "reject"),
        List.copyOf(StarlingCommand.commandLine(context, false, "lead", "1", "won").getSubcommands().get("lead").getSubcommands().keySet())
            .subList(0, 5));
  }
}
