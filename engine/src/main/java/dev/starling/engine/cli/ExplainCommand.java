package dev.starling.engine.cli;

import dev.starling.connectors.Subscriber;
import dev.starling.engine.app.ExplainTables;
import dev.starling.engine.app.Starling;
import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Labels;
import dev.starling.engine.store.Subscribers;
import dev.starling.engine.features.Accounts;
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
      Labels say = Labels.of(screen.locale());
      DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm VV", Locale.ROOT);
      java.util.Optional<SubscriberFeatures> features = s.subscriberFeatures(address);
      if (features.isEmpty()) {
        // Listed but sent nothing yet: no features to compute, but the person exists.
        Subscribers.OnFile listed = s.subscriberOnFile(address)
            .orElseThrow(() -> new StarlingException("no subscriber " + address + " in " + s.dataDir()));
        String account = Accounts.keyOf(listed.company(), listed.domain());
        out.println(CellText.forTerminal(say.message("explain.who", listed.email(),
            listed.company() == null ? "-" : listed.company(), account == null ? say.message("explain.no_account") : account)));
        out.println();
        String since = listed.createdAt() == 0 ? "-" : DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .format(Instant.ofEpochMilli(listed.createdAt()).atZone(screen.zone()));
        out.println(screen.wrap(say.message("explain.listed", since), ""));
        out.flush();
        return 0;
      }
      {
        SubscriberFeatures f = features.get();
        out.println(CellText.forTerminal(say.message("explain.who", f.email(),
            f.company() == null ? "-" : f.company(), f.account() == null ? say.message("explain.no_account") : f.account())));
        out.println();
        out.println(say.message("explain.features", minute.format(Instant.ofEpochMilli(f.asOf()).atZone(screen.zone()))));
        Features values = new FeatureBinding(FeatureSchema.standard()).subscriber(f);
        table.write(ExplainTables.features(FeatureSchema.standard().features(Subject.SUBSCRIBER), values), out);
        List<ClassifiedEvents.Row> events = s.classifiedEvents(address);
        out.println();
        out.println(say.message("explain.events", events.size()));
        table.write(ExplainTables.events(events), out);
        out.println();
        out.println(say.message("explain.rules", CellText.forTerminal(book.source())));
        rules(book, values, screen, out);
        if (f.status() != SubscriberStatus.ACTIVE) {
          out.println();
          out.println(say.message("explain.not_a_lead", f.status().code()));
        }
        s.suppression(Subject.SUBSCRIBER, address).ifPresent(why -> {
          out.println();
          out.println(CellText.forTerminal("Held back from new suggestions by sales' rejection: " + why.describe(screen.zone())
              + "."));
        });
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
