package dev.starling.engine.cli;

import dev.starling.engine.config.ConfigFile;
import dev.starling.engine.leads.RuleSource;
import dev.starling.rules.Rule;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "Work with the rules file (the sales/marketing agreement).",
    subcommands = RulesCommand.Check.class)
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

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The rules file to check.")
    Path file;

    @Override
    public Integer call() {
      StarlingCommand root = parent.root;
      Path dir = root.dataDir();
      RuleBook book = RuleSource.load(dir, ConfigFile.load(dir), file);
      PrintWriter out = root.spec.commandLine().getOut();
      out.printf("%s: %d rules OK (%d for subscribers, %d for accounts)%n", book.source(), book.rules().size(),
          book.rules(Subject.SUBSCRIBER).size(), book.rules(Subject.ACCOUNT).size());
      for (Rule r : book.rules()) {
        out.printf("  %-20s p%d  %-10s %s  (cooldown %d days)%n", r.id(), r.priority(),
            r.appliesTo().name().toLowerCase(java.util.Locale.ROOT), r.title(), r.cooldownDays());
      }
      out.flush();
      return 0;
    }
  }
}
