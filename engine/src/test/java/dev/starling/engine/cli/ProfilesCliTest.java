package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code starling subscriber} and {@code starling account} on a small scripted store, exact output:
 * ana (Acme) opens every newsletter, once through Apple's proxy (a machine open with its reason), and
 * clicks pricing; her star lead is accepted; cy hard-bounces with the server's diagnostic.
 */
class ProfilesCliTest {
  static final String NOW = "2026-02-20T08:00:00Z";

  @TempDir Path tmp;
  Path data;

  CliRunner.Run at(String utc, String... args) {
    return CliRunner.inData(data, CliRunner.at(utc), Map.of("COLUMNS", "160"), args);
  }

  CliRunner.Run run(String... args) {
    return at(NOW, args);
  }

  /** Five weekly newsletters from 2026-01-06 (campaigns nl-0 to nl-4, list "news"). */
  static String at(int week, int seconds) {
    return Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 7L * 86400 + seconds).toString();
  }

  /** The store every test starts from; also what ForgetCliTest starts from. */
  static void script(Path tmp, Path data, java.util.function.Function<String[], CliRunner.Run> cli) throws IOException {
    Path list = Files.writeString(tmp.resolve("list.csv"), """
        email,first_name,last_name,company,country,created_at,tags,status
        ana@acme.example,Ana,Alvarez,Acme,ES,2025-11-03T00:00:00Z,vip|beta,subscribed
        bo@acme.example,Bo,Berg,Acme,SE,2025-11-04T00:00:00Z,,subscribed
        cy@acme.example,Cy,Cole,Acme,ES,2025-11-05T00:00:00Z,,subscribed
        """);
    StringBuilder cp = new StringBuilder("campaign_id,name,subject,sent_at,list\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at,user_agent,ip,url,bounce_type,detail\n");
    for (int w = 0; w < 5; w++) {
      cp.append("nl-").append(w).append(",Newsletter ").append(w).append(",News #").append(w).append(',').append(at(w, 0))
          .append(",news\n");
      for (String who : List.of("ana", "bo", "cy")) {
        if (who.equals("cy") && w > 0) {
          continue;
        }
        ev.append("send,").append(who).append("@acme.example,nl-").append(w).append(',').append(at(w, 0)).append(",,,,,\n");
      }
      ev.append("delivery,ana@acme.example,nl-").append(w).append(',').append(at(w, 60)).append(",,,,,\n");
      ev.append("open,ana@acme.example,nl-").append(w).append(',').append(at(w, 3600))
          .append(",Mozilla/5.0 (Windows NT 10.0),203.0.113.9,,,\n");
      if (w < 3) {
        ev.append("open,bo@acme.example,nl-").append(w).append(',').append(at(w, 7200)).append(",Mozilla/5.0,198.51.100.7,,,\n");
      }
    }
    ev.append("open,ana@acme.example,nl-4,").append(at(4, 65)).append(",Mozilla/5.0,17.58.100.1,,,\n");
    ev.append("click,ana@acme.example,nl-4,").append(at(4, 3700)).append(",Mozilla/5.0,203.0.113.9,https://acme.example/pricing,,\n");
    ev.append("bounce,cy@acme.example,nl-0,").append(at(0, 30)).append(",,,,hard,550 5.1.1 <cy@acme.example>: user unknown\n");
    Files.writeString(tmp.resolve("campaigns.csv"), cp);
    Files.writeString(tmp.resolve("events.csv"), ev);
    assertEquals(0, cli.apply(new String[] {"import", list.toString(), tmp.resolve("campaigns.csv").toString(),
        tmp.resolve("events.csv").toString()}).code());
    assertEquals(0, cli.apply(new String[] {"leads"}).code());
  }

  @BeforeEach
  void store() throws IOException {
    data = tmp.resolve("data");
    script(tmp, data, this::run);
    assertEquals(0, at("2026-02-21T10:00:00Z", "lead", "accept", "1", "--by", "Rita", "--note", "call ana@acme.example").code());
  }

  @Test
  void aSubscriberInFullWithAMachineOpenAndTheirLeadsHistory() {
    assertEquals(new CliRunner.Run(0, """
        Subscriber:
        field        value
        email        ana@acme.example
        name         Ana Alvarez
        company      Acme
        domain       acme.example
        country      ES
        account      acme
        lists        news
        tags         vip, beta
        joined       2025-11-03
        list_status  subscribed
        on_list      yes
        status       active

        Status and why:
        status  at  campaign  detail
        active                no unsubscribe, complaint or hard bounce

        Features:
        feature                    value                           description
        email                      ana@acme.example                the address, trimmed and lower-cased
        domain                     acme.example                    the part of the address after '@'
        company                    Acme                            company from the list export, "" when unknown
        received                   5                               campaigns received (sent and not bounced)
        campaigns_opened           5                               distinct received campaigns with at least one human open
        open_ratio                 1.00                            campaigns_opened / received, 0 when none received
        last_n                     5                               size of the recent window: min(received, 12)
        last_n_opened              5                               how many of the last last_n received campaigns were human-opened
        human_opens                5                               opens made by a person (all campaigns)
        machine_opens              1                               opens made by privacy proxies and scanners (all campaigns)
        human_clicks               1                               clicks made by a person (all campaigns)
        clicked_urls               [https://acme.example/pricing]  distinct URLs a person clicked
        high_intent_clicks         1                               human clicks on high-intent pages (pricing, demo, contact, …)
        high_intent_pages          [pricing]                       the high-intent pages clicked, e.g. ["pricing", "demo"]
        streak                     5                               consecutive most recent received campaigns human-opened
        recent_misses              0                               consecutive most recent received campaigns NOT human-opened
        days_since_human_activity  0                               days since the last human open or click, -1 when never
        score                      6.71                            decayed engagement score
        trend                      0.00                            recent-window open rate minus previous-window open rate, -1..1
        star_tier                  5                               star tier 0..5 (5 = opens everything)
        was_star                   true                            met the star definition at some campaign in the past
        dormant_before             false                           had a gap of 6+ received campaigns without a human open before the latest human activity
        confidence                 high                            how much data the figures rest on: high, medium or low
        status                     active                          active, unsubscribed, complained or hard_bounced
        state                      engaged                         unknown, new, dormant, engaged, active or unreachable

        Timeline:
        at                campaign  event     verdict    reason             detail
        2026-01-06 09:00  nl-0      send                                    News #0
        2026-01-06 09:01  nl-0      delivery
        2026-01-06 10:00  nl-0      open      human      HUMAN              Mozilla/5.0 (Windows NT 10.0)
        2026-01-13 09:00  nl-1      send                                    News #1
        2026-01-13 09:01  nl-1      delivery
        2026-01-13 10:00  nl-1      open      human      HUMAN              Mozilla/5.0 (Windows NT 10.0)
        2026-01-20 09:00  nl-2      send                                    News #2
        2026-01-20 09:01  nl-2      delivery
        2026-01-20 10:00  nl-2      open      human      HUMAN              Mozilla/5.0 (Windows NT 10.0)
        2026-01-27 09:00  nl-3      send                                    News #3
        2026-01-27 09:01  nl-3      delivery
        2026-01-27 10:00  nl-3      open      human      HUMAN              Mozilla/5.0 (Windows NT 10.0)
        2026-02-03 09:00  nl-4      send                                    News #4
        2026-02-03 09:01  nl-4      delivery
        2026-02-03 09:01  nl-4      open      machine    PREFETCH_TIMING    Mozilla/5.0
        2026-02-03 10:00  nl-4      open      human      HUMAN              Mozilla/5.0 (Windows NT 10.0)
        2026-02-03 10:01  nl-4      click     human      HUMAN              https://acme.example/pricing
        2026-02-20 08:00            lead #1   suggested  star-subscriber    opened 5 of the last 5 newsletters
        2026-02-20 08:00            lead #2   suggested  high-intent-click  clicked high-intent pages: pricing
        2026-02-21 10:00            lead #1   accepted                      by Rita: call ana@acme.example

        Lead suggestions:
        #  week      rule id            pri  status     reason
        1  2026-W06  star-subscriber      1  accepted   opened 5 of the last 5 newsletters
        2  2026-W06  high-intent-click    1  suggested  clicked high-intent pages: pricing
        """, ""), run("subscriber", "ANA@acme.example"));
  }

  @Test
  void aHardBounceShowsItsClassAndTheServersDiagnostic() {
    CliRunner.Run r = run("subscriber", "cy@acme.example", "--format", "csv");
    assertEquals(0, r.code());
    List<String> sections = List.of(r.out().replace("\r\n", "\n").split("\n\n"));
    assertEquals(5, sections.size());
    assertEquals("""
        status,at,campaign,detail
        hard_bounced,2026-01-06T09:00:30Z,nl-0,hard: 550 5.1.1 <cy@acme.example>: user unknown
        hard_bounced,,,cleaned: suppressed by the list or by its bounces""", sections.get(1));
    assertEquals("""
        at,campaign,event,verdict,reason,detail
        2026-01-06T09:00:00Z,nl-0,send,,,News #0
        2026-01-06T09:00:30Z,nl-0,bounce,hard,,550 5.1.1 <cy@acme.example>: user unknown""", sections.get(3));
    assertEquals("id,week,rule_id,priority,status,reason\n", sections.get(4));
  }

  @Test
  void anAccountWithItsPeopleBestFirstAndTheirLeads() {
    assertEquals(new CliRunner.Run(0, """
        Features:
        feature            value  description
        account            acme   the company name or business email domain
        people             3      subscribers who belong to the account
        engaged_people     2      of those, people in state engaged or active
        engaged_14d        2      people with human activity in the last 14 days
        newly_engaged_14d  0      people whose first human activity was in the last 14 days
        score_sum          8.58   sum of the people's engagement scores

        People:
        email             company  stars  score  state        confidence  status        received  opened  last human
        ana@acme.example  Acme         5   6.71  engaged      high        active               5       5  2026-02-03 10:01
        bo@acme.example   Acme         3   1.86  engaged      high        active               5       3  2026-01-20 11:00
        cy@acme.example   Acme         0      0  unreachable  high        hard_bounced         0       0

        Leads of the account and its people:
        #  subject     who               week      rule id            status     reason
        1  subscriber  ana@acme.example  2026-W06  star-subscriber    accepted   opened 5 of the last 5 newsletters
        2  subscriber  ana@acme.example  2026-W06  high-intent-click  suggested  clicked high-intent pages: pricing
        """, ""), run("account", "ACME"));
  }

  @Test
  void explainAcceptsAnAccount() {
    assertEquals(new CliRunner.Run(0, """
        account acme

        Features:
        feature            value  description
        account            acme   the company name or business email domain
        people             3      subscribers who belong to the account
        engaged_people     2      of those, people in state engaged or active
        engaged_14d        2      people with human activity in the last 14 days
        newly_engaged_14d  0      people whose first human activity was in the last 14 days
        score_sum          8.58   sum of the people's engagement scores

        Rules (default-rules.yaml):
          account-surge (priority 1, Account surge): not fired
            newly_engaged_14d >= 3 was false (newly_engaged_14d = 0)
        """, ""), run("explain", "acme"));
  }

  @Test
  void anUnknownAddressOrAccountIsOneLineWithCloseMatches() {
    assertEquals(new CliRunner.Run(1, "", "starling: no subscriber ana@acme.exmple in " + data
        + "; did you mean ana@acme.example?\n"), run("subscriber", "ana@acme.exmple"));
    assertEquals(new CliRunner.Run(1, "", "starling: no subscriber zed@nowhere.example in " + data + "\n"),
        run("subscriber", "zed@nowhere.example"));
    assertEquals(new CliRunner.Run(1, "", "starling: no account 'acm' in " + data + "; did you mean acme?\n"),
        run("account", "acm"));
    assertEquals(new CliRunner.Run(1, "", "starling: email must look like name@example.com but was 'not-an-address'\n"),
        run("subscriber", "not-an-address"));
  }

  @Test
  void theProfileAsJsonIsOneDocumentWithATablePerPart() {
    String out = run("subscriber", "bo@acme.example", "--format", "json").out();
    assertEquals("{\n  \"person\" : [ {\n    \"field\" : \"email\",\n    \"value\" : \"bo@acme.example\"\n  }, {",
        out.substring(0, out.indexOf("{", out.indexOf("}")) + 1));
    List<String> parts = out.lines().filter(l -> l.matches("  \"[a-z_]+\" : \\[.*")).toList();
    assertEquals(List.of("  \"person\" : [ {", "  \"status\" : [ {", "  \"features\" : [ {", "  \"timeline\" : [ {",
        "  \"leads\" : [ ]"), parts);
  }
}
