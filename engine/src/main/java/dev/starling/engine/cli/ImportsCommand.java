package dev.starling.engine.cli;

import dev.starling.engine.app.ImportTable;
import dev.starling.engine.app.Starling;
import dev.starling.engine.store.ImportRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "imports", mixinStandardHelpOptions = true, description = "List past imports with their figures.")
final class ImportsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      List<ImportRecord> imports = s.importLog();
      output.print(ImportTable.ofRecords(imports), out, root.context, s.config().output());
      if (output.forPeople()) {
        output.note(imports.isEmpty() ? "No imports yet." : ImportTable.LEGEND, out, root.context, s.config().output());
      }
      out.flush();
    }
    return 0;
  }
}
