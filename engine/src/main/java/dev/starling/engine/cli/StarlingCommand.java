package dev.starling.engine.cli;

import dev.starling.engine.config.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: global options, the list of subcommands, and where errors go ({@link ErrorReport}). */
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
      RejectsCommand.class,
      BouncesCommand.class,
      StarsCommand.class,
      LeadsCommand.class,
      LeadCommand.class,
      ReportCommand.class,
      DigestCommand.class,
      ServeCommand.class,
      CampaignsCommand.class,
      ExportCommand.class,
      ExplainCommand.class,
      SubscriberCommand.class,
      AccountCommand.class,
      ForgetCommand.class,
      ExportPersonCommand.class,
      RulesCommand.class,
      FormatsCommand.class,
      GenerateCommand.class,
      BenchCommand.class,
      SearchCommand.class,
      ReindexCommand.class,
      StatsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StarlingCommand implements Runnable {
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

  /** Prints a one-line note for the user on stderr (a skipped feature refresh, and why). */
  void note(String note) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("starling: " + dev.starling.engine.report.CellText.forTerminal(note));
    err.flush();
  }

  Path dataDir() {
    return DataDirectory.resolve(data, context.env());
  }

  static CommandLine commandLine(Context context, boolean verbose) {
    CommandLine cl = new CommandLine(new StarlingCommand(context));
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> ErrorReport.execution(ex, line.getErr(), verbose));
    cl.setParameterExceptionHandler((ex, args) -> ErrorReport.usage(ex, ex.getCommandLine().getErr(), verbose));
    // picocli hands only Exceptions to the handler above; an OutOfMemoryError would reach the user as
    // the JVM's stack trace.
    CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
    cl.setExecutionStrategy(parseResult -> {
      try {
        return run.execute(parseResult);
      } catch (OutOfMemoryError e) {
        return ErrorReport.outOfMemory(e, parseResult.commandSpec().commandLine().getErr(), verbose, Runtime.getRuntime().maxMemory());
      }
    });
    return cl;
  }
}
