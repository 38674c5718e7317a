package dev.starling.engine.cli;

import dev.starling.connectors.Format;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "formats", mixinStandardHelpOptions = true, description = "List the file formats 'starling import' reads.")
final class FormatsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    for (Format f : Format.values()) {
      out.printf("%-20s %s%n", f.id(), f.description());
    }
    out.flush();
    return 0;
  }
}
