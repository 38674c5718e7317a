package dev.starling.engine.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code starling} as a user would, capturing what it prints: the one runner the CLI tests share. */
final class CliRunner {
  /** What one run did: its exit code and everything it wrote to stdout and stderr. */
  record Run(int code, String out, String err) {}

  private CliRunner() {}

  /** Runs {@code args} with this environment and clock; stack traces only when they contain {@code --verbose}. */
  static Run run(Clock clock, Map<String, String> env, String... args) {
    CommandLine cl = StarlingCommand.commandLine(new Context(env, clock, false), List.of(args).contains("--verbose"), args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  /** {@link #run} with {@code --data DIR} appended: a command on a test's data directory. */
  static Run inData(java.nio.file.Path data, Clock clock, Map<String, String> env, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--data";
    all[args.length + 1] = data.toString();
    return run(clock, env, all);
  }

  /** A clock stopped at {@code utc} (an ISO instant). */
  static Clock at(String utc) {
    return Clock.fixed(java.time.Instant.parse(utc), java.time.ZoneOffset.UTC);
  }
}
