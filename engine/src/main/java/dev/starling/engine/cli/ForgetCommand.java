package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
import dev.starling.engine.privacy.Erasure;
import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Count;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "forget", mixinStandardHelpOptions = true,
    description = {"Erase people on request: every row about them, their leads, bounces and rejected rows that",
        "carry the address. Only a salted hash stays, so importing old logs again does not bring them back",
        "(the import says \"skipped, not imported: N forgotten\"). The store file is then rewritten so no",
        "byte of the address is left in it (this takes about as long as copying the store). All or nothing."})
final class ForgetCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Parameters(paramLabel = "EMAIL", arity = "1..*", description = "The addresses to erase (any case).")
  List<String> emails;

  @Option(names = "--by", paramLabel = "WHO", description = "Who asked for it or carried it out, kept with the record.")
  String by;

  @Override
  public Integer call() {
    List<String> addresses = emails.stream().map(SubscriberCommand::normalized).distinct().toList();
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock(), root::note)) {
      Erasure.Result r = s.forget(addresses, by == null || by.isBlank() ? null : by.strip());
      for (Erasure.Outcome o : r.outcomes()) {
        out.println("forgot " + CellText.forTerminal(o.email()) + ": " + rows(o.erased().rows())
            + (o.erased().account() == null ? "" : "; account " + CellText.forTerminal(o.erased().account()) + " recounted"));
      }
      out.printf(Locale.ROOT, "kept only a salted hash of %s; %s in %.1f s%n",
          r.outcomes().size() == 1 ? "the address" : "each address",
          r.rebuilt() ? "found an old copy in free space, rebuilt the store file; no trace left in it"
              : "no trace left in the store files (every byte searched)", r.seconds());
      out.flush();
      if (!r.traces().isEmpty()) {
        root.note("an erased address still appears in " + r.traces().stream().map(p -> p.getFileName().toString())
            .collect(Collectors.joining(", ")) + ": another process reading the store holds old pages until it ends"
            + " (or another stored address contains the erased one)");
      }
    }
    return 0;
  }

  /** "1 subscriber, 4 messages, 2 events", in the order the erasure went through the tables. */
  static String rows(Map<String, Long> rows) {
    return rows.entrySet().stream().map(e -> Count.of(e.getValue(), noun(e.getKey()), plural(e.getKey())))
        .collect(Collectors.joining(", "));
  }

  private static String noun(String table) {
    return switch (table) {
      case "messages" -> "message";
      case "events" -> "open/click/unsubscribe event";
      case "bounces" -> "bounce";
      case "subscriber_features" -> "feature row";
      case "subscribers" -> "subscriber";
      case "leads" -> "lead";
      case "lead_events" -> "lead step";
      case "digest_stars" -> "digest mention";
      case "digest_sends" -> "digest sent to the address";
      case "rejections" -> "rejected row";
      case "redacted" -> "note redacted";
      default -> table;
    };
  }

  private static String plural(String table) {
    return switch (table) {
      case "events" -> "open/click/unsubscribe events";
      case "digest_sends" -> "digests sent to the address";
      case "redacted" -> "notes redacted";
      default -> noun(table) + "s";
    };
  }
}
