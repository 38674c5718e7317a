package dev.starling.engine.cli;

import dev.starling.engine.app.OutcomeTable;
import dev.starling.engine.app.Starling;
import dev.starling.engine.outcomes.OutcomeImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code starling lead import}: its own command rather than a format of {@code starling import}, because
 * an outcome list has an email column and would be taken for a subscriber list by the sniffing there.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Record outcomes from a CRM export (CSV or .xlsx; English or Spanish headers):",
        "a lead (lead, id, nº lead) or email (email, correo) column, status (status, estado: won/ganado, lost/perdido,",
        "accepted/aceptado, contacted/contactado, rejected/rechazado), and optionally date (date, fecha), owner",
        "(owner, comercial, propietario), note (note, nota) and reason (reason, motivo).",
        "Each file lands in one transaction. Importing it again changes nothing (already recorded); a row the",
        "lead's status does not allow is rejected with file:line and kept (see 'starling rejects IMPORT')."})
final class LeadImportCommand implements Callable<Integer> {
  @ParentCommand LeadCommand lead;

  @Mixin OutputOptions output;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Outcome lists to import, in order.")
  List<Path> files;

  @Option(names = "--by", paramLabel = "NAME", description = "Who recorded the outcomes, for rows without an owner.")
  String by;

  @Override
  public Integer call() {
    StarlingCommand root = lead.root;
    PrintWriter out = root.spec.commandLine().getOut();
    PrintWriter err = root.spec.commandLine().getErr();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      List<OutcomeImport.Summary> done = new ArrayList<>();
      for (Path file : files) {
        done.add(s.importOutcomes(file, by));
      }
      output.print(OutcomeTable.of(done), out, root.context, s.config().output());
      out.flush();
      // After the table, on stderr: the data on stdout stays clean for --format csv|json.
      done.forEach(d -> d.rejections().forEach(r -> err.println("starling: " + r)));
      err.flush();
    }
    return 0;
  }
}
