package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The outcome verbs, the lead list and history, and the SLA and rule reports, end to end on a real
 * store: exact stdout, stderr and exit code. Two leads are suggested on Monday 2 March 2026 08:00 UTC;
 * sales acts on them later by the clock each command is given.
 */
class LeadOutcomesCliTest {
  static final Clock MONDAY = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path data;

  record Run(int code, String out, String err) {}

  Run at(String utc, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--data");
    all.add(data.toString());
    Clock clock = Clock.fixed(Instant.parse(utc), ZoneOffset.UTC);
    CommandLine cl = StarlingCommand.commandLine(new Context(Map.of(), clock, false), false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  /** ana opens all six newsletters (a star), bo five of six (rising engagement): two leads. */
  @BeforeEach
  void twoLeads() throws IOException {
    data = tmp.resolve("data");
    Path list = CommandsCliTest.twoSubscribersList(tmp);
    Path events = CommandsCliTest.twoSubscribersSixWeeks(tmp);
    assertEquals(0, at("2026-03-02T08:00:00Z", "import", list.toString(), events.toString()).code());
    assertEquals(0, at("2026-03-02T08:00:00Z", "leads").code());
  }

  @Test
  void acceptThenWonByTheOlderFormThenTheListShowsTheOwner() {
    assertEquals(new Run(0, "Lead #1 is now accepted\n", ""), at("2026-03-03T10:00:00Z", "lead", "accept", "1", "--by", "Rita"));
    assertEquals(new Run(0, "Lead #1 is now won\n", ""), at("2026-03-05T12:00:00Z", "lead", "1", "won"));
    assertEquals(new Run(0, "id,week,rule_id,subject,who,status,owner,suggested_at\r\n"
        + "1,2026-W07,star-subscriber,subscriber,ana@acme.example,won,Rita,2026-03-02T08:00:00Z\r\n"
        + "2,2026-W07,rising-engagement,subscriber,bo@beta.example,suggested,,2026-03-02T08:00:00Z\r\n", ""),
        at("2026-03-05T12:00:00Z", "lead", "list", "--format", "csv"));
    assertEquals(new Run(0, """
        #  week      rule id          subject     who               status  owner  suggested
        1  2026-W07  star-subscriber  subscriber  ana@acme.example  won     Rita   2026-03-02 08:00
        """, ""), at("2026-03-05T12:00:00Z", "lead", "list", "--owner", "rita", "--status", "won"));
    assertEquals(new Run(0, "#  week  rule id  subject  who  status  owner  suggested\nNo leads.\n", ""), at("2026-03-05T12:00:00Z", "lead", "list", "--rule", "nope"));
  }

  @Test
  void rejectKeepsTheReasonFromTheConfiguredList() {
    assertEquals(new Run(0, "Lead #2 is now rejected (not a fit)\n", ""),
        at("2026-03-03T11:00:00Z", "lead", "reject", "2", "--reason", "Not a fit", "--note", "student", "--by", "Paco"));
    assertEquals(new Run(0, "id,week,rule_id,subject,who,status,owner,suggested_at\r\n"
        + "2,2026-W07,rising-engagement,subscriber,bo@beta.example,rejected,Paco,2026-03-02T08:00:00Z\r\n"
        + "\n"
        + "lead_id,at,from_status,to_status,by,reason,note\r\n"
        + "2,2026-03-02T08:00:00Z,,suggested,,,\r\n"
        + "2,2026-03-03T11:00:00Z,suggested,rejected,Paco,not a fit,student\r\n", ""),
        at("2026-03-05T12:00:00Z", "lead", "show", "2", "--format", "csv"));
  }

  @Test
  void anUnknownReasonNamesTheAllowedOnesAndChangesNothing() throws IOException {
    assertEquals(new Run(1, "", "starling: --reason must be one of not a fit, already a customer, wrong person, no budget,"
        + " other but was 'too cheap' (leads.rejection-reasons in starling.yaml)\n"),
        at("2026-03-03T11:00:00Z", "lead", "reject", "1", "--reason", "too cheap"));
    Files.writeString(data.resolve("starling.yaml"), "leads:\n  rejection-reasons: too expensive, Other\n");
    assertEquals(new Run(1, "", "starling: --reason must be one of too expensive, other but was 'not a fit'"
        + " (leads.rejection-reasons in starling.yaml)\n"), at("2026-03-03T11:00:00Z", "lead", "reject", "1", "--reason", "not a fit"));
    assertEquals(new Run(0, "Lead #1 is now rejected (too expensive)\n", ""),
        at("2026-03-03T11:00:00Z", "lead", "reject", "1", "--reason", "too expensive"));
  }

  @Test
  void anInvalidStepIsExitOneWithTheAllowedSteps() {
    assertEquals(0, at("2026-03-03T11:00:00Z", "lead", "reject", "2").code());
    assertEquals(new Run(1, "", "starling: lead #2 is rejected; it cannot become won (allowed from rejected: accepted)\n"),
        at("2026-03-03T11:00:00Z", "lead", "won", "2"));
    assertEquals(new Run(2, "", "starling: Unknown options: '--reason', 'other' (see 'starling lead accept --help')\n"),
        at("2026-03-03T11:00:00Z", "lead", "accept", "2", "--reason", "other"));
    assertEquals(new Run(2, "", "starling: give the lead's ID once, not 1 and 2 (see 'starling lead accept --help')\n"),
        at("2026-03-03T11:00:00Z", "lead", "1", "accept", "2"));
    assertEquals(new Run(2, "", "starling: Missing required parameters: 'ID', 'STATUS' (see 'starling lead --help')\n"),
        at("2026-03-03T11:00:00Z", "lead"));
    assertEquals(new Run(1, "", "starling: no lead #9 (see 'starling lead list')\n"), at("2026-03-03T11:00:00Z", "lead", "show", "9"));
  }

  @Test
  void slaAndRuleReportsAsCsv() {
    // Accepted 26 h after the suggestion (Tuesday 10:00, within 2 business days), won 50 h later.
    at("2026-03-03T10:00:00Z", "lead", "accept", "1", "--by", "Rita");
    at("2026-03-05T12:00:00Z", "lead", "won", "1");
    at("2026-03-03T11:00:00Z", "lead", "reject", "2", "--reason", "wrong person");
    assertEquals(new Run(0, "period,rule_id,suggested,accepted,contacted,won,lost,rejected,velocity_median_h,velocity_p90_h,"
        + "conversion_median_h,conversion_rate,effective_leads,lead_velocity_rate_pct,accepted_in_time\r\n"
        + "2026-03,all rules,2,1,0,1,0,1,26,26,50,1,1,,0.5\r\n"
        + "2026-03,rising-engagement,1,0,0,0,0,1,,,,,1,,0\r\n"
        + "2026-03,star-subscriber,1,1,0,1,0,0,26,26,50,1,0,,1\r\n", ""),
        at("2026-03-05T12:00:00Z", "report", "sla", "--format", "csv"));
    assertEquals(new Run(0, "period,rule_id,suggested,accepted,contacted,won,lost,rejected,velocity_median_h,velocity_p90_h,"
        + "conversion_median_h,conversion_rate,effective_leads,lead_velocity_rate_pct,accepted_in_time\r\n", ""),
        at("2026-03-05T12:00:00Z", "report", "sla", "--period", "quarter", "--from", "2026-04-01", "--format", "csv"));
    assertEquals(new Run(0, "rule_id,suggestions,accepted_share,won_share,acceptance_median_h,top_rejection_reasons,"
        + "mostly_rejected\r\n"
        + "rising-engagement,1,0,0,,wrong person (1),yes\r\n"
        + "star-subscriber,1,1,1,26,,no\r\n", ""),
        at("2026-03-05T12:00:00Z", "report", "rules", "--format", "csv"));
    assertEquals(new Run(2, "", "starling: Invalid value for option '--period': must be month, quarter or year but was 'week'"
        + " (see 'starling report sla --help')\n"), at("2026-03-05T12:00:00Z", "report", "sla", "--period", "week"));
  }

  @Test
  void theResponseTimeComesFromTheConfiguration() throws IOException {
    // Accepted the next day: in time with the default 2 business days, late with 0.
    at("2026-03-03T10:00:00Z", "lead", "accept", "1");
    assertEquals("2026-03,all rules,2,1,0,0,0,0,26,26,,0,2,,0.5",
        at("2026-03-05T12:00:00Z", "report", "sla", "--format", "csv").out().split("\r\n")[1]);
    Files.writeString(data.resolve("starling.yaml"), "leads:\n  response-business-days: 0\n");
    assertEquals("2026-03,all rules,2,1,0,0,0,0,26,26,,0,2,,0",
        at("2026-03-05T12:00:00Z", "report", "sla", "--format", "csv").out().split("\r\n")[1]);
  }
}
