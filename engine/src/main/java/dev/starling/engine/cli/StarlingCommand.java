package dev.starling.engine.cli;

import dev.starling.engine.error.StarlingException;
import dev.starling.engine.config.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options, the list of subcommands, and how errors are shown. */
@Command(
    name = "starling",
    mixinStandardHelpOptions = true,
    version = "starling 0.1.0",
    description = "Email-marketing insight engine: import newsletter logs, find the star subscribers and sales-ready leads.",
    subcommands = {
      DemoCommand.class,
      InitCommand.class,
      ImportCommand.class,
      ImportsCommand.class,
      StarsCommand.class,
      LeadsCommand.class,
      LeadCommand.class,
      DigestCommand.class,
      ServeCommand.class,
      ExplainCommand.class,
      RulesCommand.class,
      FormatsCommand.class,
      GenerateCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StarlingCommand implements Runnable {
  /** Exit code for a user error (bad file, bad option value, bad configuration). */
  public static final int USER_ERROR = 1;

  @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Data directory (default: $STARLING_HOME, else ./starling-data).")
  Path data;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces on errors.")
  boolean verbose;

  final Context context;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  StarlingCommand(Context context) {
    this.context = context;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Path dataDir() {
    return DataDirectory.resolve(data, context.env());
  }

  static CommandLine commandLine(Context context, boolean verbose) {
    CommandLine cl = new CommandLine(new StarlingCommand(context));
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
      PrintWriter err = line.getErr();
      if (ex instanceof StarlingException) {
        err.println("starling: " + ex.getMessage());
      } else {
        err.println("starling: unexpected error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
      }
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return USER_ERROR;
    });
    cl.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("starling: " + ex.getMessage() + " (see '"
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
      err.flush();
      return USER_ERROR;
    });
    return cl;
  }
}
