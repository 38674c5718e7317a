package dev.starling.engine.cli;

import dev.starling.connectors.Subscriber;
import dev.starling.engine.app.Starling;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.features.ClassifiedEvents;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.engine.features.SubscriberStatus;
import dev.starling.engine.leads.FeatureBinding;
import dev.starling.rules.Explanation;
import dev.starling.rules.Feature;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Features;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Why Starling sees a subscriber the way it does.",
        "Every feature with its meaning, each open and click with its human/machine verdict and reason code, and",
        "each rule that fired (with its reason) or did not (and why not)."})
final class ExplainCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(paramLabel = "EMAIL", description = "The subscriber's address.")
  String email;

  @Override
  public Integer call() {
    String address;
    try {
      address = Subscriber.normalizeEmail(email);
    } catch (IllegalArgumentException e) {
      throw new StarlingException(e.getMessage());
    }
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      RuleBook book = s.rules();
      SubscriberFeatures f = s.subscriberFeatures(address)
          .orElseThrow(() -> new StarlingException("no subscriber " + address + " in " + s.dataDir()));
      out.printf("%s  (company: %s; account: %s)%n", f.email(), f.company() == null ? "-" : f.company(),
          f.account() == null ? "none (free-mail)" : f.account());
      out.printf("%nFeatures as of %s:%n", Instant.ofEpochMilli(f.asOf()));
      Features values = new FeatureBinding(FeatureSchema.standard()).subscriber(f);
      for (Feature feature : FeatureSchema.standard().features(Subject.SUBSCRIBER)) {
        Object v = values.get(feature.name()).orElse(null);
        out.printf("  %-26s %-28s %s%n", feature.name(), show(v), feature.description());
      }
      List<ClassifiedEvents.Row> events = s.classifiedEvents(address);
      out.printf("%nOpens and clicks (%d):%n", events.size());
      for (ClassifiedEvents.Row r : events) {
        out.printf("  %-10s %s  %-5s  %-7s %-16s %s%s%n", r.campaign() == null ? "-" : r.campaign(),
            Instant.ofEpochMilli(r.at()).toString().replace('T', ' ').replace("Z", ""),
            r.type().canonicalName(), r.kind().name().toLowerCase(java.util.Locale.ROOT), r.reason(),
            r.agent() == null ? "(no agent)" : r.agent(), r.url() == null ? "" : "  " + r.url());
      }
      out.printf("%nRules (%s):%n", book.source());
      for (Explanation e : book.explain(values)) {
        out.println("  " + e.describe().replace("\n", "\n  "));
      }
      if (f.status() != SubscriberStatus.ACTIVE) {
        out.printf("%nNot a lead whatever the rules say: status is %s.%n", f.status().code());
      }
      out.flush();
    }
    return 0;
  }

  private static String show(Object v) {
    if (v == null) {
      return "-";
    }
    if (v instanceof Double d) {
      return String.format(java.util.Locale.ROOT, "%.2f", d);
    }
    String t = String.valueOf(v);
    return t.length() > 28 ? t.substring(0, 25) + "..." : t;
  }
}
