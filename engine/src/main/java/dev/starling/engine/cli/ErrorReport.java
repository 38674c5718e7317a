package dev.starling.engine.cli;

import dev.starling.engine.error.ExitCode;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.report.CellText;
import dev.starling.rules.RulesException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The one place that turns a failure into what the user sees and the exit code: a user or data error
 * is its message (exit 1), a usage error its message and where to find help (exit 2), anything else a
 * bug (exit 70) in one line. Stack traces only with {@code --verbose}. Every line is cleaned for the
 * terminal: messages quote file content, which may hold escape sequences.
 */
final class ErrorReport {
  private ErrorReport() {}

  /** A failure while a command ran. */
  static int execution(Exception ex, PrintWriter err, boolean verbose) {
    if (ex.getCause() instanceof OutOfMemoryError oom) {
      return outOfMemory(oom, err, verbose, Runtime.getRuntime().maxMemory());
    }
    int code;
    String message;
    switch (ex) {
      case StarlingException e -> {
        code = ExitCode.USER_ERROR;
        message = e.getMessage();
      }
      // A rules file that does not load, or a rule that cannot be evaluated: the message names the
      // file, line and rule. They come from the rules module, which cannot know the engine's root.
      case RulesException e -> {
        code = ExitCode.USER_ERROR;
        message = e.getMessage();
      }
      // The disk, permissions, a file vanishing: the user's machine, not our bug.
      case IOException e -> {
        code = ExitCode.USER_ERROR;
        message = ioMessage(e);
      }
      case UncheckedIOException e -> {
        code = ExitCode.USER_ERROR;
        message = ioMessage(e.getCause());
      }
      default -> {
        code = ExitCode.INTERNAL;
        message = "internal error: " + ex.getClass().getName() + ": " + ex.getMessage()
            + " (please report it; --verbose shows the details)";
      }
    }
    print(err, message, verbose ? ex : null);
    return code;
  }

  /**
   * The JVM ran out of memory: one line saying what ran out, the heap it had and how to give it more
   * (the launcher passes {@code JAVA_OPTS} to the JVM), never a stack trace unless {@code --verbose}.
   * Exit 1: the cure is the user's setting, as for a full disk. Works with what little memory is left:
   * by the time it runs the command's data is unreachable, and the line is built from a few strings.
   *
   * @param maxHeap the heap's cap in bytes ({@link Runtime#maxMemory()})
   */
  static int outOfMemory(OutOfMemoryError e, PrintWriter err, boolean verbose, long maxHeap) {
    long mb = maxHeap >> 20;
    long suggestGb = Math.max(1, (2 * mb + 1023) / 1024);
    String what = e.getMessage() == null || e.getMessage().isBlank() ? "memory" : e.getMessage();
    print(err, "out of memory (" + what + ") with a heap of " + mb + " MB: run it again with a larger heap,"
        + " e.g. JAVA_OPTS=-Xmx" + suggestGb + "g", verbose ? e : null);
    return ExitCode.USER_ERROR;
  }

  /** A bad command line: unknown option, missing parameter, a value of the wrong form. */
  static int usage(CommandLine.ParameterException ex, PrintWriter err, boolean verbose) {
    String message = ex.getMessage();
    if (ex.getCause() instanceof OptionValues.Refused refused && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec o) {
      message = o.longestName() + " " + refused.getMessage();
    }
    print(err, message + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')",
        verbose ? ex : null);
    return ExitCode.USAGE;
  }

  private static String ioMessage(IOException e) {
    String what = e.getMessage() == null ? "" : ": " + e.getMessage();
    return "input/output error: " + e.getClass().getSimpleName() + what;
  }

  private static void print(PrintWriter err, String message, Throwable trace) {
    for (String line : String.valueOf(message).split("\n", -1)) {
      err.println("starling: " + CellText.forTerminal(line));
    }
    if (trace != null) {
      trace.printStackTrace(err);
    }
    err.flush();
  }
}
