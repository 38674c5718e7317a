package dev.starling.engine.cli;

import java.time.Clock;
import java.util.Arrays;

/** {@code java -jar starling.jar ...}: runs one command and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new Context(System.getenv(), Clock.systemUTC(), System.console() != null)));
  }

  /** Runs one command line; returns its exit code. */
  static int run(String[] args, Context context) {
    boolean verbose = Arrays.asList(args).contains("--verbose");
    return StarlingCommand.commandLine(context, verbose, args).execute(args);
  }
}
