package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.error.StarlingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export-person", mixinStandardHelpOptions = true,
    description = {"Everything held about one person, as one JSON document (an access request): list data,",
        "features, messages, bounces, opens and clicks with their verdicts, unsubscribes, leads with their",
        "history, digest mentions and rejected rows carrying the address (docs/privacy.md)."})
final class ExportPersonCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(paramLabel = "EMAIL", description = "The person's address (any case).")
  String email;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the JSON to FILE instead of the standard output.")
  Path output;

  @Override
  public Integer call() {
    String address = SubscriberCommand.normalized(email);
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      String json = s.exportPerson(address);
      if (output == null) {
        out.print(json);
      } else {
        try {
          Files.writeString(output, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new StarlingException("cannot write " + output + ": " + e.getMessage(), e);
        }
        out.println("wrote " + output);
      }
      out.flush();
    }
    return 0;
  }
}
