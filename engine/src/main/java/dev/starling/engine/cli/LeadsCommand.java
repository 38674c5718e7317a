package dev.starling.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.starling.engine.app.Starling;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.leads.Lead;
import dev.starling.engine.leads.LeadFinder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "leads", mixinStandardHelpOptions = true,
    description = {"This week's lead suggestions, each with its reason.",
        "The rules file (the sales/marketing agreement) is evaluated over every subscriber and account. New",
        "suggestions are stored; running it again in the same week changes nothing. Never suggests unsubscribed,",
        "complained or hard-bounced people; respects each rule's cooldown."})
final class LeadsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Option(names = "--week", paramLabel = "YYYY-Www", description = "Show the stored suggestions of another week instead of computing this one.")
  String week;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    if (week != null && !week.matches("\\d{4}-W\\d{2}")) {
      throw new StarlingException("--week must look like 2026-W12 but was '" + week + "'");
    }
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!List.of("table", "csv", "json").contains(fmt)) {
      throw new StarlingException("--format must be table, csv or json but was '" + format + "'");
    }
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      List<Lead> leads;
      if (week == null) {
        LeadFinder.Run run = s.suggestLeads();
        leads = run.leads();
        if (fmt.equals("table")) {
          out.printf("Week %s: %d lead suggestions (%d new this run) from %,d subscribers and %,d accounts;"
                  + " %d matches suppressed (unsubscribed, complained, hard-bounced), %d held back (cooldown or no new activity).%n%n",
              run.week(), leads.size(), run.created(), run.subscribers(), run.accounts(), run.suppressed(), run.held());
        }
        // One line per rule skipped on some subjects, after the output (stderr: the data on stdout stays clean).
        run.skipped().forEach(f -> root.spec.commandLine().getErr().println("starling: " + f.describe()));
      } else {
        leads = s.leadsOfWeek(week);
      }
      switch (fmt) {
        case "csv" -> csv(leads, out);
        case "json" -> json(leads, out);
        default -> table(leads, out);
      }
      out.flush();
    }
    return 0;
  }

  private static void table(List<Lead> leads, PrintWriter out) {
    if (leads.isEmpty()) {
      out.println("No lead suggestions.");
      return;
    }
    int tw = leads.stream().mapToInt(l -> l.title().length()).max().orElse(4);
    int kw = leads.stream().mapToInt(l -> l.subjectKey().length()).max().orElse(3);
    String f = "%5s  %3s  %-" + tw + "s  %-" + kw + "s  %-9s  %s%n";
    out.printf(f, "#", "pri", "rule", "who", "status", "reason");
    for (Lead l : leads) {
      out.printf(f, l.id(), l.priority(), l.title(), l.subjectKey(), l.status().code(), l.reason());
    }
  }

  private static void csv(List<Lead> leads, PrintWriter out) {
    CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    w.writeRecord("id", "week", "priority", "rule_id", "rule", "subject", "who", "reason", "status");
    for (Lead l : leads) {
      w.writeRecord(Long.toString(l.id()), l.week(), Integer.toString(l.priority()), l.ruleId(), l.title(), l.subject().key(),
          l.subjectKey(), l.reason(), l.status().code());
    }
    try {
      w.flush();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void json(List<Lead> leads, PrintWriter out) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Lead l : leads) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", l.id());
      m.put("week", l.week());
      m.put("priority", l.priority());
      m.put("rule_id", l.ruleId());
      m.put("rule", l.title());
      m.put("subject", l.subject().key());
      m.put("who", l.subjectKey());
      m.put("reason", l.reason());
      m.put("status", l.status().code());
      rows.add(m);
    }
    try {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
