package dev.starling.engine.cli;

import dev.starling.engine.app.RuleTable;
import dev.starling.engine.config.Config;
import dev.starling.engine.config.ConfigFile;
import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Count;
import dev.starling.engine.leads.RuleSource;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "Work with the rules file (the sales/marketing agreement).",
    subcommands = {RulesCommand.Check.class, RulesBacktestCommand.class})
final class RulesCommand implements Runnable {
  @ParentCommand StarlingCommand root;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Load and type-check a rules file and list its rules; every problem is named with its line.",
          "Without FILE: the data directory's rules file (rules.file in starling.yaml), else the built-in default pack."})
  static final class Check implements Callable<Integer> {
    @ParentCommand RulesCommand parent;

    @picocli.CommandLine.Mixin OutputOptions output;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The rules file to check.")
    Path file;

    @Override
    public Integer call() {
      StarlingCommand root = parent.root;
      Path dir = root.dataDir();
      Config config = ConfigFile.load(dir);
      RuleBook book = RuleSource.load(dir, config, file);
      PrintWriter out = root.spec.commandLine().getOut();
      if (output.forPeople()) {
        out.printf(java.util.Locale.ROOT, "%s: %s OK (%,d for subscribers, %,d for accounts)%n%n", CellText.forTerminal(book.source()),
            Count.of(book.rules().size(), "rule"), book.rules(Subject.SUBSCRIBER).size(), book.rules(Subject.ACCOUNT).size());
      }
      output.print(RuleTable.of(book.rules()), out, root.context, config.output());
      return 0;
    }
  }
}
