package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.cli.CliRunner.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starling rules backtest} end to end: exact stdout, stderr and exit code. */
class RulesBacktestCliTest {
  @TempDir Path tmp;

  static Run at(String utc, String... args) {
    return CliRunner.run(Clock.fixed(Instant.parse(utc), ZoneOffset.UTC), Map.of(), args);
  }

  /**
   * Six weekly newsletters from Tuesday 6 January 2026: ana opens every one, bo every one but the first.
   * The stored leads (one run after the whole import) are ana's star-subscriber and bo's
   * rising-engagement; ana's is won in March. Week by week, the default rules would have suggested ana
   * as a star and bo as rising engagement in the week of the fifth newsletter (February), once each;
   * ana's counts as won later. No open here is a machine's, so the filtering changes nothing.
   */
  @Test
  void aBacktestCountsPerMonthWhatTheRulesWouldHaveSuggestedAndWhoWasWonLater() throws IOException {
    Path data = tmp.resolve("data");
    String d = data.toString();
    Path list = CommandsCliTest.twoSubscribersList(tmp);
    Path events = CommandsCliTest.twoSubscribersSixWeeks(tmp);
    assertEquals(0, at("2026-03-02T08:00:00Z", "import", list.toString(), events.toString(), "--data", d).code());
    assertEquals(0, at("2026-03-02T08:00:00Z", "leads", "--data", d).code());
    assertEquals(0, at("2026-03-03T10:00:00Z", "lead", "accept", "1", "--data", d).code());
    assertEquals(0, at("2026-03-05T12:00:00Z", "lead", "won", "1", "--data", d).code());
    String leadsBefore = at("2026-03-06T12:00:00Z", "lead", "list", "--data", d, "--format", "csv").out();

    assertEquals(new Run(0, "month,rule_id,suggested,won_later,suggested_all_human,won_later_all_human\r\n"
        + "2026-02,all rules,2,1,2,1\r\n"
        + "2026-02,rising-engagement,1,0,1,0\r\n"
        + "2026-02,star-subscriber,1,1,1,1\r\n", ""),
        at("2026-03-06T12:00:00Z", "rules", "backtest", "--from", "2026-01-01", "--to", "2026-02-28", "--data", d, "--format", "csv"));
    assertEquals(leadsBefore, at("2026-03-06T12:00:00Z", "lead", "list", "--data", d, "--format", "csv").out());

    assertEquals(new Run(2, "", "starling: backtest needs both --from and --to (see 'starling rules backtest --help')\n"),
        at("2026-03-06T12:00:00Z", "rules", "backtest", "--from", "2026-01-01", "--data", d));
  }
}
