package dev.starling.engine.cli;

import dev.starling.connectors.Subscriber;
import dev.starling.engine.app.ExplainTables;
import dev.starling.engine.app.Starling;
import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Presentation;
import dev.starling.engine.report.TerminalTableWriter;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.features.replay.ClassifiedEvents;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.SubscriberStatus;
import dev.starling.engine.leads.FeatureBinding;
import dev.starling.rules.Explanation;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Features;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Why Starling sees a subscriber, or an account, the way it does.",
        "Every feature with its meaning, each open and click with its human/machine verdict and reason code, and",
        "each rule that fired (with its reason) or did not (and why not). Given an account (a name without '@'),",
        "its features and the account rules."})
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(paramLabel = "EMAIL|ACCOUNT", description = "The subscriber's address, or an account's name.")
  String email;

  @Option(names = "--width", paramLabel = "N", description = "Fit tables in N characters (default: $COLUMNS, else 100).")
  Integer width;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (email.indexOf('@') < 0) {
      return account(email);
    }
    String address;
    try {
      address = Subscriber.normalizeEmail(email);
    } catch (IllegalArgumentException e) {
      throw new StarlingException(e.getMessage());
    }
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      s.refreshFeatures();
      RuleBook book = s.rules();
      Presentation screen = OutputOptions.presentation(spec.commandLine(), width, root.context, s.config().output());
      TerminalTableWriter table = new TerminalTableWriter(screen);
      {
        SubscriberFeatures f = s.subscriberFeatures(address)
            .orElseThrow(() -> new StarlingException("no subscriber " + address + " in " + s.dataDir()));
        out.println(CellText.forTerminal(String.format("%s  (company: %s; account: %s)", f.email(),
            f.company() == null ? "-" : f.company(), f.account() == null ? "none (free-mail)" : f.account())));
        out.printf("%nFeatures as of %s:%n", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV", Locale.ROOT)
            .format(Instant.ofEpochMilli(f.asOf()).atZone(screen.zone())));
        Features values = new FeatureBinding(FeatureSchema.standard()).subscriber(f);
        table.write(ExplainTables.features(FeatureSchema.standard().features(Subject.SUBSCRIBER), values), out);
        List<ClassifiedEvents.Row> events = s.classifiedEvents(address);
        out.printf("%nOpens and clicks (%,d):%n", events.size());
        table.write(ExplainTables.events(events), out);
        out.printf("%nRules (%s):%n", CellText.forTerminal(book.source()));
        rules(book, values, screen, out);
        if (f.status() != SubscriberStatus.ACTIVE) {
          out.printf("%nNot a lead whatever the rules say: status is %s.%n", f.status().code());
        }
      }
      out.flush();
    }
    return 0;
  }

  /** The rules view of an account: its features, then each account rule that fired or did not. */
  private int account(String name) {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      dev.starling.engine.features.AccountFeatures a;
      try {
        a = s.accountFeatures(name);
      } catch (StarlingException e) {
        throw new StarlingException(e.getMessage() + " (a subscriber's address must look like name@example.com)");
      }
      RuleBook book = s.rules();
      Presentation screen = OutputOptions.presentation(spec.commandLine(), width, root.context, s.config().output());
      out.println(CellText.forTerminal("account " + a.account()));
      out.printf("%nFeatures:%n");
      Features values = new FeatureBinding(FeatureSchema.standard()).account(a);
      new TerminalTableWriter(screen).write(ExplainTables.features(FeatureSchema.standard().features(Subject.ACCOUNT), values), out);
      out.printf("%nRules (%s):%n", CellText.forTerminal(book.source()));
      rules(book, values, screen, out);
      out.flush();
    }
    return 0;
  }

  private static void rules(RuleBook book, Features values, Presentation screen, PrintWriter out) {
    for (Explanation e : book.explain(values)) {
      for (String line : e.describe().split("\n")) {
        // A failed condition sits under its rule; each wraps under itself.
        String indent = line.startsWith("  ") ? "    " : "  ";
        Presentation inner = new Presentation(screen.locale(), screen.zone(), screen.width() - indent.length());
        out.println(indent + inner.wrap(line.strip(), "  ").replace("\n", "\n" + indent));
      }
    }
  }
}
