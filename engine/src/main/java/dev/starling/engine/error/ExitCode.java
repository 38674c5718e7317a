package dev.starling.engine.error;

/**
 * The process exit codes, as picocli's convention and BSD {@code sysexits.h} ({@code EX_SOFTWARE}) have
 * them, so scripts can tell "fix your input" from "fix your command line" from "report a bug".
 */
public final class ExitCode {
  /** Done as asked. */
  public static final int OK = 0;
  /** A user or data error: a bad file, a bad configuration, a rules file that does not load. */
  public static final int USER_ERROR = 1;
  /** A usage error: an unknown option, a missing parameter, an option value of the wrong form. */
  public static final int USAGE = 2;
  /** A bug: any exception Starling did not expect. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
