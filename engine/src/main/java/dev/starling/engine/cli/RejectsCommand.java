package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.report.Table;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "rejects", mixinStandardHelpOptions = true,
    description = {"List the rows imports rejected: file, line, reason and the row's text, to fix and import again.",
        "IMPORT is an import's number from 'starling imports'; without it, every import's."})
final class RejectsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Parameters(arity = "0..1", paramLabel = "IMPORT", description = "The import's number (default: all).")
  Long importId;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      Table table = s.rejects(importId);
      output.print(table, out, root.context, s.config().output());
      if (output.forPeople() && table.materialise().isEmpty()) {
        output.note(importId == null ? "No rejected rows." : "Import " + importId + " rejected no rows.", out,
            root.context, s.config().output());
      }
      out.flush();
    }
    return 0;
  }
}
