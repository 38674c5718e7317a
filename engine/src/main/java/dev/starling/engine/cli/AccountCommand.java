package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "account", mixinStandardHelpOptions = true,
    description = {"One account (a company, or a business domain) in full: its features as the rules see them,",
        "its people with their star tier, score and state (best first), and its leads and its people's."})
final class AccountCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Parameters(paramLabel = "NAME", description = "The account: its company name or business domain (any case).")
  String name;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      output.printAll(s.accountProfile(name).tables(), out, root.context, s.config().output());
      out.flush();
    }
    return 0;
  }
}
