package dev.starling.engine.cli;

import dev.starling.engine.config.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root command: global options, the list of subcommands ({@link #SUBCOMMANDS}), and where errors go
 * ({@link ErrorReport}).
 */
@Command(
    name = "starling",
    mixinStandardHelpOptions = true,
    version = "starling 0.1.0",
    description = "Email-marketing insight engine: import newsletter logs, find the star subscribers and sales-ready leads.")
public final class StarlingCommand implements Runnable {
  /**
   * Every subcommand, in the order the usage help lists them: its name (as in its {@code @Command}) and class.
   * Building a subcommand's picocli model costs reflection over its options and mixins and loads the classes
   * they name; all of them together were most of the start-up time of a trivial command. So a command line
   * that names one of them gets only that one ({@link #commandLine(Context, boolean, String...)}).
   */
  static final List<Map.Entry<String, Class<?>>> SUBCOMMANDS = List.of(
      Map.entry("demo", DemoCommand.class),
      Map.entry("init", InitCommand.class),
      Map.entry("import", ImportCommand.class),
      Map.entry("imports", ImportsCommand.class),
      Map.entry("rejects", RejectsCommand.class),
      Map.entry("bounces", BouncesCommand.class),
      Map.entry("stars", StarsCommand.class),
      Map.entry("leads", LeadsCommand.class),
      Map.entry("lead", LeadCommand.class),
      Map.entry("report", ReportCommand.class),
      Map.entry("digest", DigestCommand.class),
      Map.entry("serve", ServeCommand.class),
      Map.entry("campaigns", CampaignsCommand.class),
      Map.entry("export", ExportCommand.class),
      Map.entry("explain", ExplainCommand.class),
      Map.entry("subscriber", SubscriberCommand.class),
      Map.entry("account", AccountCommand.class),
      Map.entry("forget", ForgetCommand.class),
      Map.entry("export-person", ExportPersonCommand.class),
      Map.entry("rules", RulesCommand.class),
      Map.entry("formats", FormatsCommand.class),
      Map.entry("generate", GenerateCommand.class),
      Map.entry("bench", BenchCommand.class),
      Map.entry("search", SearchCommand.class),
      Map.entry("reindex", ReindexCommand.class),
      Map.entry("stats", StatsCommand.class),
      Map.entry("help", CommandLine.HelpCommand.class));

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

  /** The command line with every subcommand registered. */
  static CommandLine commandLine(Context context, boolean verbose) {
    return commandLine(context, verbose, (String[]) null);
  }

  /**
   * The command line for running {@code args}: when they name a subcommand (after root options only),
   * that subcommand alone is registered; for anything else (no subcommand, help, an unknown command or
   * option, where picocli lists or suggests commands) all of them are, so what the user sees is the same.
   * {@code args == null} registers all.
   */
  static CommandLine commandLine(Context context, boolean verbose, String... args) {
    CommandLine cl = new CommandLine(new StarlingCommand(context));
    String only = args == null ? null : onlySubcommand(args);
    for (Map.Entry<String, Class<?>> sub : SUBCOMMANDS) {
      if (only == null || only.equals(sub.getKey())) {
        cl.addSubcommand(sub.getKey(), sub.getValue());
      }
    }
    cl.setExecutionExceptionHandler((ex, line, parseResult) -> ErrorReport.execution(ex, line.getErr(), verbose));
    cl.setParameterExceptionHandler((ex, unmatched) -> ErrorReport.usage(ex, ex.getCommandLine().getErr(), verbose));
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

  /**
   * The subcommand {@code args} run, when only it needs registering: the first argument that is not a root
   * option ({@code --data DIR}, {@code --data=DIR}, {@code --verbose}) names a subcommand other than
   * {@code help}. "" when no subcommand is needed at all ({@code --version} alone); null when all are.
   */
  static String onlySubcommand(String... args) {
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--verbose") || arg.startsWith("--data=")) {
        continue;
      }
      if (arg.equals("--data")) {
        i++;
        continue;
      }
      if (arg.equals("--version") || arg.equals("-V")) {
        version = true;
        continue;
      }
      if (version || arg.equals("help")) {
        return null;
      }
      for (Map.Entry<String, Class<?>> sub : SUBCOMMANDS) {
        if (sub.getKey().equals(arg)) {
          return arg;
        }
      }
      return null;
    }
    return version ? "" : null;
  }
}
