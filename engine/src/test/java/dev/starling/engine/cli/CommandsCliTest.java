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
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import dev.starling.engine.cli.CliRunner.Run;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Every command that prints a table, run end to end on a real store: exact stdout, stderr and exit code. */
class CommandsCliTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path data;

  Run run(Clock clock, Map<String, String> env, String... args) {
    return CliRunner.run(clock, env, args);
  }

  Run run(String... args) {
    return run(CLOCK, Map.of(), args);
  }

  /** A command on the test's data directory. */
  Run inData(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--data";
    all[args.length + 1] = data.toString();
    return run(all);
  }

  /**
   * Two people on six weekly newsletters: ana opens every one (a star), bo opens five of six (a star
   * at 83% only with a looser ratio). Their names are hostile: a formula and a colour escape.
   */
  @BeforeEach
  void importTwoSubscribers() throws IOException {
    data = tmp.resolve("data");
    Path list = Files.writeString(tmp.resolve("list.csv"),
        "email,name,company\nana@acme.example,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",Acme\n"
            + "bo@beta.example,\u001b[31mBo\u001b[0m,Beta\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      for (String who : List.of("ana@acme.example", "bo@beta.example")) {
        ev.append(event("send", who, week, 0));
        if (who.startsWith("ana") || week > 0) {
          ev.append(event("open", who, week, 3600));
        }
      }
    }
    Path events = Files.writeString(tmp.resolve("events.csv"), ev);
    Run imp = inData("import", list.toString(), events.toString());
    assertEquals(0, imp.code(), imp.err());
  }

  /** The list of two subscribers the outcome, option and back-test tests share: ana (Acme) and bo (Beta). */
  static Path twoSubscribersList(Path dir) throws IOException {
    return Files.writeString(dir.resolve("list.csv"), "email,name,company\nana@acme.example,Ana,Acme\nbo@beta.example,Bo,Beta\n");
  }

  /** Six weekly newsletters to both: ana opens all six, bo five of six (83%). */
  static Path twoSubscribersSixWeeks(Path dir) throws IOException {
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      for (String who : List.of("ana@acme.example", "bo@beta.example")) {
        ev.append(event("send", who, week, 0));
        if (who.startsWith("ana") || week > 0) {
          ev.append(event("open", who, week, 3600));
        }
      }
    }
    return Files.writeString(dir.resolve("events.csv"), ev);
  }

  static String event(String type, String who, int week, int seconds) {
    return type + "," + who + ",nl-" + week + ","
        + Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 7L * 86400 + seconds) + "\n";
  }

  @Test
  void leadsPrintsTheWeekThenATableAndTheSameLeadsAsCsv() {
    assertEquals(new Run(0, """
        Week 2026-W07: 2 lead suggestions (2 new this run) from 2 subscribers and 2 accounts; 0 matches
          suppressed (unsubscribed, complained, hard-bounced), 0 matches held back (cooldown or no new
          activity).

        #  pri  rule               who               status     reason
        1    1  Star subscriber    ana@acme.example  suggested  opened 6 of the last 6 newsletters
        2    2  Rising engagement  bo@beta.example   suggested  open rate up 50 points; opened the last 5
                                                                newsletters in a row
        """, ""), inData("leads"));
    assertEquals(new Run(0, "id,week,priority,rule_id,rule,subject,who,reason,status\r\n"
        + "1,2026-W07,1,star-subscriber,Star subscriber,subscriber,ana@acme.example,opened 6 of the last 6 newsletters,suggested\r\n"
        + "2,2026-W07,2,rising-engagement,Rising engagement,subscriber,bo@beta.example,"
        + "open rate up 50 points; opened the last 5 newsletters in a row,suggested\r\n", ""),
        inData("leads", "--week", "2026-W07", "--format", "csv"));
    assertEquals(new Run(0, "[ ]\n", ""), inData("leads", "--week", "2026-W01", "--format", "json"));
  }

  @Test
  void leadRecordsAValidStepAndRefusesAnInvalidStepAnUnknownIdAndAnUnknownStatusChangingNothing() {
    assertEquals(new Run(1, "", "starling: no lead #1 (see 'starling leads')\n"), inData("lead", "1", "accepted"));
    assertEquals(0, inData("leads").code());
    assertEquals(new Run(1, "", "starling: lead #1 is suggested; it cannot become won (allowed from suggested: accepted,"
        + " rejected)\n"), inData("lead", "1", "won"));
    assertEquals(new Run(1, "", "starling: status must be one of suggested, accepted, contacted, won, lost, rejected but"
        + " was 'maybe'\n"), inData("lead", "1", "maybe"));
    assertEquals(new Run(1, "", "starling: no lead #99 (see 'starling leads')\n"), inData("lead", "99", "accepted"));
    assertEquals(new Run(2, "", "starling: Invalid value for positional parameter at index 0 (ID): 'x' is not a long"
        + " (see 'starling lead --help')\n"), inData("lead", "x", "won"));
    assertEquals(new Run(0, "Lead #1 is now accepted\n", ""), inData("lead", "1", "accepted", "--by", "Rita"));
    assertEquals(new Run(0, "id,week,priority,rule_id,rule,subject,who,reason,status\r\n"
        + "1,2026-W07,1,star-subscriber,Star subscriber,subscriber,ana@acme.example,opened 6 of the last 6 newsletters,accepted\r\n"
        + "2,2026-W07,2,rising-engagement,Rising engagement,subscriber,bo@beta.example,"
        + "open rate up 50 points; opened the last 5 newsletters in a row,suggested\r\n", ""),
        inData("leads", "--week", "2026-W07", "--format", "csv"));
  }

  @Test
  void explainShowsFeaturesEventsAndEveryRuleAsTablesWithHeadersWithinTheWidth() {
    Run r = inData("explain", "bo@beta.example");
    assertEquals(new Run(0, """
        bo@beta.example  (company: Beta; account: beta)

        Features as of 2026-02-10 10:00 UTC:
        feature                    value            description
        email                      bo@beta.example  the address, trimmed and lower-cased
        domain                     beta.example     the part of the address after '@'
        company                    Beta             company from the list export, "" when unknown
        received                   6                campaigns received (sent and not bounced)
        campaigns_opened           5                distinct received campaigns with at least one human open
        open_ratio                 0.83             campaigns_opened / received, 0 when none received
        last_n                     6                size of the recent window: min(received, 12)
        last_n_opened              5                how many of the last last_n received campaigns were
                                                    human-opened
        human_opens                5                opens made by a person (all campaigns)
        machine_opens              0                opens made by privacy proxies and scanners (all
                                                    campaigns)
        human_clicks               0                clicks made by a person (all campaigns)
        clicked_urls               []               distinct URLs a person clicked
        high_intent_clicks         0                human clicks on high-intent pages (pricing, demo,
                                                    contact, \u2026)
        high_intent_pages          []               the high-intent pages clicked, e.g. ["pricing", "demo"]
        streak                     5                consecutive most recent received campaigns human-opened
        recent_misses              0                consecutive most recent received campaigns NOT
                                                    human-opened
        days_since_human_activity  0                days since the last human open or click, -1 when never
        score                      3.71             decayed engagement score
        trend                      0.50             recent-window open rate minus previous-window open rate,
                                                    -1..1
        star_tier                  4                star tier 0..5 (5 = opens everything)
        was_star                   false            met the star definition at some campaign in the past
        dormant_before             false            had a gap of 6+ received campaigns without a human open
                                                    before the latest human activity
        confidence                 high             how much data the figures rest on: high, medium or low
        status                     active           active, unsubscribed, complained or hard_bounced
        state                      engaged          unknown, new, dormant, engaged, active or unreachable

        Opens and clicks (5):
        campaign  at                type  verdict  reason  agent  url
        nl-1      2026-01-13 10:00  open  human    HUMAN
        nl-2      2026-01-20 10:00  open  human    HUMAN
        nl-3      2026-01-27 10:00  open  human    HUMAN
        nl-4      2026-02-03 10:00  open  human    HUMAN
        nl-5      2026-02-10 10:00  open  human    HUMAN

        Rules (default-rules.yaml):
          star-subscriber (priority 1, Star subscriber): not fired
            open_ratio >= 0.9 was false (open_ratio = 0.8333333333333334)
          rising-engagement (priority 2, Rising engagement): fired: open rate up 50 points; opened the last
            5 newsletters in a row
          reactivated (priority 2, Reactivated after dormancy): not fired
            dormant_before was false (dormant_before = false)
          high-intent-click (priority 1, High-intent click): not fired
            high_intent_clicks >= 1 was false (high_intent_clicks = 0)
          going-cold (priority 3, Going cold (for account managers)): not fired
            was_star was false (was_star = false)
            recent_misses >= 4 was false (recent_misses = 0)
        """, ""), r);
    assertEquals(List.of(), r.out().lines().filter(l -> l.length() > 100).toList());
    assertEquals(new Run(1, "", "starling: no subscriber nobody@beta.example in " + data + "\n"),
        inData("explain", "nobody@beta.example"));
    assertEquals(new Run(1, "", "starling: no account 'not-an-address' in " + data
        + " (a subscriber's address must look like name@example.com)\n"), inData("explain", "not-an-address"));
  }

  @Test
  void aFreshStoreListsNoImportsAndHasNoLeadsYet() {
    String empty = tmp.resolve("empty").toString();
    assertEquals(0, run("init", "--data", empty).code());
    // An empty table keeps its header (fitted to the default 100 columns), then says why it is empty.
    assertEquals(new Run(0, """
                                                                                  new             no
        #  finished  source  format  kind  rows  imported  duplicates  rejected  subs  unknown  send
        (3 more columns: clicks_before_delivery, events_before_signup, untracked_sends; see them with
        --width or --format csv)
        No imports yet.
        """, ""), run("imports", "--data", empty));
    assertEquals(new Run(0, "id,finished_at,source,format,kind,rows_read,imported,duplicates,rejected,new_subscribers,"
        + "new_campaigns,no_send_engagements,clicks_before_delivery,events_before_signup,untracked_sends\r\n", ""),
        run("imports", "--data", empty, "--format", "csv"));
    assertEquals(new Run(1, "", "starling: no features yet: import some data first\n"), run("leads", "--data", empty));
  }

  @Test
  void rulesCheckListsTheRulesAndNamesEveryProblemOnItsOwnLine() throws IOException {
    assertEquals(new Run(0, """
        default-rules.yaml: 6 rules OK (5 for subscribers, 1 for accounts)

        #                  pri  applies to  title                              cooldown days
        star-subscriber      1  subscriber  Star subscriber                               28
        rising-engagement    2  subscriber  Rising engagement                             28
        reactivated          2  subscriber  Reactivated after dormancy                    60
        high-intent-click    1  subscriber  High-intent click                             14
        account-surge        1  account     Account surge                                 14
        going-cold           3  subscriber  Going cold (for account managers)             56
        """, ""), inData("rules", "check"));
    Path bad = Files.writeString(tmp.resolve("bad-rules.yaml"), "version: 1\nrules:\n  - id: Bad Id\n    title: x\n"
        + "    applies_to: subscriber\n    when: received >= 5\n    priority: 9\n    reason: r\n    cooldown_days: 1\n");
    assertEquals(new Run(1, "", "starling: " + bad + ":3: rule 'Bad Id': id must be lower-case letters, digits and '-'"
        + " (like 'star-subscriber') but was 'Bad Id'\n"
        + "starling: " + bad + ":7: rule 'Bad Id': priority must be 1..5 but was 9\n"), inData("rules", "check", bad.toString()));
  }

  @Test
  void importsListsEveryImportAndLeavesOutWhatDoesNotFit() {
    assertEquals(new Run(0, """
        #  finished          source      format        kind         rows  imported  duplicates  rejected
        1  2026-03-02 08:00  list.csv    spreadsheet   subscribers     2         2           0         0
        2  2026-03-02 08:00  events.csv  starling-csv  events         23        23           0         0
        (6 more columns: new_subscribers, new_campaigns, no_send_engagements, clicks_before_delivery,
        events_before_signup, untracked_sends; see them with --width or --format csv)
        unknown: campaigns first named by an event; no send: opens/clicks with no matching send; click<dl:
          clicks before delivery; pre-join: events before the subscriber joined; untracked: sends in
          campaigns with no opens or clicks
        """, ""), inData("imports"));
    assertEquals(new Run(0, "id,finished_at,source,format,kind,rows_read,imported,duplicates,rejected,new_subscribers,"
        + "new_campaigns,no_send_engagements,clicks_before_delivery,events_before_signup,untracked_sends\r\n"
        + "1,2026-03-02T08:00:00Z,list.csv,spreadsheet,subscribers,2,2,0,0,2,0,0,0,0,0\r\n"
        + "2,2026-03-02T08:00:00Z,events.csv,starling-csv,events,23,23,0,0,0,6,0,0,0,0\r\n", ""),
        inData("imports", "--format", "csv"));
  }

  @Test
  void starsNeutraliseHostileNamesInEveryFormat() {
    assertEquals(new Run(0, """
        email             name                                   company  received  opened   ratio  human opens  machine opens  human clicks  last human        status
        ana@acme.example  =HYPERLINK("http://evil.example","x")  Acme            6       6  100.0%            6              0             0  2026-02-10 10:00  active
        bo@beta.example   Bo                                     Beta            6       5   83.3%            5              0             0  2026-02-10 10:00  active
        """, ""), run(CLOCK, Map.of("COLUMNS", "190"), "stars", "--min-ratio", "0.8", "--data", data.toString()));
    assertEquals(new Run(0, "\uFEFFemail;name;company;received;opened;ratio;human_opens;machine_opens;human_clicks;last_human_at;status\r\n"
        + "ana@acme.example;\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\";Acme;6;6;1;6;0;0;2026-02-10T10:00:00Z;active\r\n"
        + "bo@beta.example;Bo;Beta;6;5;0,8333;5;0;0;2026-02-10T10:00:00Z;active\r\n", ""),
        inData("stars", "--min-ratio", "0.8", "--format", "csv", "--csv-excel"));
    Run json = inData("stars", "--min-ratio", "0.8", "--format", "json");
    assertEquals(0, json.code());
    assertEquals(List.of("  \"name\" : \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\",",
        "  \"name\" : \"\\u001B[31mBo\\u001B[0m\","),
        json.out().lines().filter(l -> l.startsWith("  \"name\"")).toList());
  }

  @Test
  void theConfigurationSwitchesCsvToSpanishExcelAndTablesToSpanish() throws IOException {
    Files.writeString(data.resolve("starling.yaml"), "output:\n  csv-excel: true\n  language: es\n  time-zone: Europe/Madrid\n");
    assertEquals(new Run(0, "\uFEFFid;finished_at;source;format;kind;rows_read;imported;duplicates;rejected;new_subscribers;"
        + "new_campaigns;no_send_engagements;clicks_before_delivery;events_before_signup;untracked_sends\r\n"
        + "1;2026-03-02T08:00:00Z;list.csv;spreadsheet;subscribers;2;2;0;0;2;0;0;0;0;0\r\n"
        + "2;2026-03-02T08:00:00Z;events.csv;starling-csv;events;23;23;0;0;0;6;0;0;0;0\r\n", ""),
        inData("imports", "--format", "csv"));
    assertEquals(new Run(0, """
        correo            nombre                                 empresa  recibidos  abiertos     tasa  aperturas humanas  aperturas automáticas  clics humanos  última humana     estado
        ana@acme.example  =HYPERLINK("http://evil.example","x")  Acme             6         6  100,0 %                  6                      0              0  2026-02-10 11:00  active
        bo@beta.example   Bo                                     Beta             6         5   83,3 %                  5                      0              0  2026-02-10 11:00  active
        """, ""), inData("stars", "--min-ratio", "0.8", "--width", "190"));
  }

  @Test
  void usageErrorsExitTwoAndNameTheHelp() {
    assertEquals(new Run(2, "", "starling: Invalid value for option '--format': must be table, csv or json but was 'xml'"
        + " (see 'starling stars --help')\n"), inData("stars", "--format", "xml"));
    assertEquals(new Run(2, "", "starling: --week must look like 2026-W48 but was '12' (see 'starling leads --help')\n"),
        inData("leads", "--week", "12"));
    assertEquals(new Run(2, "", "starling: Unknown option: '--bogus' (see 'starling leads --help')\n"), inData("leads", "--bogus"));
    assertEquals(new Run(2, "", "starling: --width must be at least 20 but was 5 (see 'starling stars --help')\n"),
        inData("stars", "--width", "5"));
    assertEquals(new Run(2, "", "starling: Missing required parameter: 'FILE' (see 'starling import --help')\n"), run("import"));
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("the \u001b[2Jscreen is gone");
    }
  }

  /** Evaluates the default rules over a subscriber with no features: the rules module refuses. */
  @Command(name = "evaluate-nothing")
  static final class EvaluateNothing implements Callable<Integer> {
    @Override
    public Integer call() {
      FeatureSchema schema = FeatureSchema.standard();
      RuleBook.defaults(schema).evaluate(schema.newFeatures(Subject.SUBSCRIBER).build());
      return 0;
    }
  }

  @Test
  void aRuleThatCannotBeEvaluatedIsAUserErrorInOneLineNamingTheRule() {
    CommandLine cl = StarlingCommand.commandLine(new Context(Map.of(), CLOCK, false), false);
    cl.addSubcommand(new EvaluateNothing());
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err));
    assertEquals(1, cl.execute("evaluate-nothing"));
    List<String> lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    assertEquals(true, lines.get(0).startsWith("starling: default-rules.yaml:") && lines.get(0).contains(": rule 'star-subscriber': "),
        lines.get(0));
  }

  /** A clock that fails as a broken piece of the surroundings would. */
  static final class BrokenClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      throw new UnsupportedOperationException("no time source");
    }
  }

  @Test
  void aBugExitsSeventyInOneLineAndShowsTheTraceOnlyWhenVerbose() {
    CommandLine cl = StarlingCommand.commandLine(new Context(Map.of(), CLOCK, false), false);
    cl.addSubcommand(new Boom());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertEquals(70, cl.execute("boom"));
    assertEquals("starling: internal error: java.lang.IllegalStateException: the screen is gone"
        + " (please report it; --verbose shows the details)\n", err.toString());

    assertEquals(new Run(70, "", "starling: internal error: java.lang.UnsupportedOperationException: no time source"
        + " (please report it; --verbose shows the details)\n"), run(new BrokenClock(), Map.of(), "lead", "1", "won", "--data", data.toString()));
    Run verbose = run(new BrokenClock(), Map.of(), "lead", "1", "won", "--data", data.toString(), "--verbose");
    assertEquals(70, verbose.code());
    assertEquals(true, verbose.err().contains("\tat dev.starling.engine.cli.LeadStepCommand.call("), verbose.err());
  }
}
