package dev.starling.engine.cli;

import dev.starling.engine.app.FormatTable;
import dev.starling.engine.config.ConfigFile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "formats", mixinStandardHelpOptions = true, description = "List the file formats 'starling import' reads.")
final class FormatsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    // Only the configuration (language), never the store: listing formats must not create a data directory.
    output.print(FormatTable.of(), root.spec.commandLine().getOut(), root.context, ConfigFile.load(root.dataDir()).output());
    return 0;
  }
}
