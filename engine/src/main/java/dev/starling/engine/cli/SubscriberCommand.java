package dev.starling.engine.cli;

import dev.starling.connectors.Subscriber;
import dev.starling.engine.app.Starling;
import dev.starling.engine.app.SubscriberProfile;
import dev.starling.engine.error.StarlingException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "subscriber", mixinStandardHelpOptions = true,
    description = {"One person in full: who they are, their status and why, their features, and a timeline of",
        "sends, deliveries, bounces (class and diagnostic), opens and clicks (human or machine, and why),",
        "complaints, unsubscribes and their leads' steps; then their leads."})
final class SubscriberCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Parameters(paramLabel = "EMAIL", description = "The subscriber's address (any case).")
  String email;

  @Override
  public Integer call() {
    String address = normalized(email);
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      SubscriberProfile profile = s.subscriberProfile(address);
      output.printAll(profile.tables(), out, root.context, s.config().output());
      out.flush();
    }
    return 0;
  }

  /** The address as the store keeps it, or a one-line error saying what is wrong with it. */
  static String normalized(String email) {
    try {
      return Subscriber.normalizeEmail(email);
    } catch (IllegalArgumentException e) {
      throw new StarlingException(e.getMessage());
    }
  }
}
