package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rejection reasons feed suppression, end to end on a real store: four people open every newsletter for six
 * weeks (a rules file with one star rule without cooldown, so only the reasons hold anyone back). Ana and Al
 * work at Acme, Bo at Beta, Cy at Gamma. Sales rejects Ana as "already a customer" (Acme held back for good,
 * Al too), Bo as "wrong person" (configured to 10 days) and Cy as "other" (no cooldown). The rejections
 * happen at data time 2026-02-10 10:00 UTC (the last open); each later week of opens moves it on by 7 days.
 */
class RejectionCooldownCliTest {
  @TempDir Path tmp;
  Path data;
  static final List<String> PEOPLE = List.of("ana@acme.example", "al@acme.example", "bo@beta.example", "cy@gamma.example");

  CliRunner.Run at(String utc, String... args) {
    return CliRunner.inData(data, CliRunner.at(utc), Map.of(), args);
  }

  Path weeks(String name, int from, int to) throws IOException {
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = from; week <= to; week++) {
      for (String who : PEOPLE) {
        ev.append(CommandsCliTest.event("send", who, week, 0));
        ev.append(CommandsCliTest.event("open", who, week, 3600));
      }
    }
    return Files.writeString(tmp.resolve(name), ev);
  }

  CliRunner.Run inData(CliRunner.Run r) {
    return new CliRunner.Run(r.code(), r.out().replace(data.toString(), "DATA"), r.err().replace(data.toString(), "DATA"));
  }

  @BeforeEach
  void fourLeadsThenThreeRejections() throws IOException {
    data = tmp.resolve("data");
    Path list = Files.writeString(tmp.resolve("list.csv"), "email,name,company\nana@acme.example,Ana,Acme\n"
        + "al@acme.example,Al,Acme\nbo@beta.example,Bo,Beta\ncy@gamma.example,Cy,Gamma\n");
    assertEquals(0, at("2026-02-11T08:00:00Z", "import", list.toString(), weeks("w0-5.csv", 0, 5).toString()).code());
    Files.writeString(data.resolve("rules.yaml"), """
        version: 1
        rules:
          - id: star
            title: Star
            applies_to: subscriber
            when: received >= 5 && open_ratio >= 0.9
            priority: 1
            reason: "opened {{ last_n_opened }} of the last {{ last_n }} newsletters"
            cooldown_days: 0
        """);
    Files.writeString(data.resolve("starling.yaml"), """
        rules:
          file: rules.yaml
        leads:
          cooldown:
            wrong-person: 10d
        """);
    assertEquals("id,week,priority,rule_id,rule,subject,who,reason,status\r\n"
        + "2,2026-W07,1,star,Star,subscriber,al@acme.example,opened 6 of the last 6 newsletters,suggested\r\n"
        + "1,2026-W07,1,star,Star,subscriber,ana@acme.example,opened 6 of the last 6 newsletters,suggested\r\n"
        + "3,2026-W07,1,star,Star,subscriber,bo@beta.example,opened 6 of the last 6 newsletters,suggested\r\n"
        + "4,2026-W07,1,star,Star,subscriber,cy@gamma.example,opened 6 of the last 6 newsletters,suggested\r\n",
        at("2026-02-11T08:00:00Z", "leads", "--format", "csv").out());
    assertEquals(0, at("2026-02-11T09:00:00Z", "lead", "reject", "1", "--reason", "already a customer").code());
    assertEquals(0, at("2026-02-11T09:00:00Z", "lead", "reject", "3", "--reason", "wrong person").code());
    assertEquals(0, at("2026-02-11T09:00:00Z", "lead", "reject", "4", "--reason", "other").code());
  }

  @Test
  void aWeekLaterOnlyTheOneRejectedForOtherComesBack() throws IOException {
    assertEquals(0, at("2026-02-18T08:00:00Z", "import", weeks("w6.csv", 6, 6).toString()).code());
    assertEquals(new CliRunner.Run(0, "id,week,priority,rule_id,rule,subject,who,reason,status\r\n"
        + "5,2026-W08,1,star,Star,subscriber,cy@gamma.example,opened 7 of the last 7 newsletters,suggested\r\n", ""),
        at("2026-02-18T08:00:00Z", "leads", "--format", "csv"));
    assertEquals(new CliRunner.Run(0, """
        #  week      rule id  subject     who              status     owner  suggested
        2  2026-W07  star     subscriber  al@acme.example  suggested         2026-02-11 08:00

        lead  at                from  to         by  reason  note
           2  2026-02-11 08:00        suggested

        Held back from new suggestions by sales' rejection: already a customer (lead #1 rejected
          2026-02-10), the whole account acme, for good.
        """, ""), at("2026-02-18T08:00:00Z", "lead", "show", "2"));
  }

  @Test
  void twoWeeksLaterTheWrongPersonsTenDaysAreOverButAcmeStaysHeldBack() throws IOException {
    assertEquals(0, at("2026-02-25T08:00:00Z", "import", weeks("w6-7.csv", 6, 7).toString()).code());
    assertEquals(new CliRunner.Run(0, "id,week,priority,rule_id,rule,subject,who,reason,status\r\n"
        + "5,2026-W09,1,star,Star,subscriber,bo@beta.example,opened 8 of the last 8 newsletters,suggested\r\n"
        + "6,2026-W09,1,star,Star,subscriber,cy@gamma.example,opened 8 of the last 8 newsletters,suggested\r\n", ""),
        at("2026-02-25T08:00:00Z", "leads", "--format", "csv"));
    String explain = at("2026-02-25T08:00:00Z", "explain", "al@acme.example").out();
    assertEquals("Held back from new suggestions by sales' rejection: already a customer (lead #1 rejected 2026-02-10), the"
        + " whole account acme, for good.\n", explain.substring(explain.lastIndexOf("\n\n") + 2));
  }

  @Test
  void aCooldownKeyMustNameAConfiguredReason() throws IOException {
    Files.writeString(data.resolve("starling.yaml"), "leads:\n  cooldown:\n    too-cheap: 5d\n");
    assertEquals(new CliRunner.Run(1, "", "starling: DATA/starling.yaml:3: key 'leads.cooldown.too-cheap' names no reason of"
        + " leads.rejection-reasons; expected one of leads.cooldown.not-a-fit, leads.cooldown.already-a-customer,"
        + " leads.cooldown.wrong-person, leads.cooldown.no-budget, leads.cooldown.other\n"), inData(at("2026-02-18T08:00:00Z", "leads")));
    Files.writeString(data.resolve("starling.yaml"), "leads:\n  cooldown:\n    not-a-fit: soon\n");
    assertEquals(new CliRunner.Run(1, "", "starling: DATA/starling.yaml:3: key 'leads.cooldown.not-a-fit' must be a number"
        + " of days such as 90d, or forever, but was 'soon'\n"), inData(at("2026-02-18T08:00:00Z", "leads")));
  }
}
