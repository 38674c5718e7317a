package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.cli.CliRunner.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared option converters, through the commands that use them, on a real store. */
class OptionValuesCliTest {
  @TempDir Path tmp;
  Path data;

  Run inData(String... args) {
    return CliRunner.inData(data, CommandsCliTest.CLOCK, Map.of("COLUMNS", "190"), args);
  }

  /** ana opens all six newsletters, bo five of six (83%). */
  @BeforeEach
  void importTwoSubscribers() throws IOException {
    data = tmp.resolve("data");
    Path list = CommandsCliTest.twoSubscribersList(tmp);
    Path events = CommandsCliTest.twoSubscribersSixWeeks(tmp);
    assertEquals(0, inData("import", list.toString(), events.toString()).code());
  }

  @ParameterizedTest(name = "--top {0}")
  @CsvSource({"0", "-1", "x", "1.5"})
  void topZeroOrNegativeWasAcceptedSilently(String top) {
    assertEquals(new Run(2, "", "starling: --top must be a whole number of 1 or more, e.g. 10, but was '" + top + "'"
        + " (see 'starling stars --help')\n"), inData("stars", "--top", top));
  }

  @Test
  void topOneShowsOneStar() {
    Run r = inData("stars", "--min-ratio", "0.8", "--top", "1", "--format", "csv");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, r.out().lines().count());
  }

  @ParameterizedTest(name = "--week {0}")
  @CsvSource(delimiter = '|', value = {
      "2026-W60 | --week must be an ISO week like 2026-W48; 2026 has weeks W01 to W53, so '2026-W60' does not exist",
      "2025-W53 | --week must be an ISO week like 2025-W48; 2025 has weeks W01 to W52, so '2025-W53' does not exist",
      "2026-W00 | --week must be an ISO week like 2026-W48; 2026 has weeks W01 to W53, so '2026-W00' does not exist",
      "48       | --week must look like 2026-W48 but was '48'"})
  void weekSixtyWasAcceptedSilently(String week, String message) {
    assertEquals(new Run(2, "", "starling: " + message + " (see 'starling leads --help')\n"), inData("leads", "--week", week));
    assertEquals(new Run(2, "", "starling: " + message + " (see 'starling digest --help')\n"),
        inData("digest", "--week", week, "--dry-run", "--out", tmp.toString()));
  }

  @Test
  void anExistingWeekIsAccepted() {
    assertEquals(new Run(0, "[ ]\n", ""), inData("leads", "--week", "2026-W53", "--format", "json"));
  }

  @ParameterizedTest(name = "--min-ratio {0}")
  @CsvSource(delimiter = '|', value = {"0.8", "0,8", "80%", "80 %", "80,0%", ".8"})
  void percentAndDecimalCommaWereRefusedAsNotADouble(String ratio) {
    Run expected = inData("stars", "--min-ratio", "0.8", "--format", "csv");
    assertEquals(3, expected.out().lines().count(), expected.out());
    assertEquals(expected, inData("stars", "--min-ratio", ratio, "--format", "csv"));
  }

  @ParameterizedTest(name = "--min-ratio {0}")
  @CsvSource(delimiter = '|', value = {"0", "1.5", "150%", "0%", "1,000", "0.8.1", "lots", "-0.5", "''"})
  void aRatioThatIsNotAShareIsRefusedWithTheExpectedForm(String ratio) {
    assertEquals(new Run(2, "", "starling: --min-ratio must be a share above 0 and at most 1, such as 0.9 or 90%, but was '"
        + ratio + "' (see 'starling stars --help')\n"), inData("stars", "--min-ratio", ratio));
  }

  @ParameterizedTest(name = "--min-campaigns {0}")
  @CsvSource({"0", "-3"})
  void minCampaignsBelowOneIsRefused(String n) {
    assertEquals(new Run(2, "", "starling: --min-campaigns must be a whole number of 1 or more, e.g. 10, but was '" + n + "'"
        + " (see 'starling stars --help')\n"), inData("stars", "--min-campaigns", n));
  }

  @Test
  void generateRefusesZeroSubscribers() {
    assertEquals(new Run(2, "", "starling: --subscribers must be a whole number of 1 or more, e.g. 10, but was '0'"
        + " (see 'starling generate --help')\n"), inData("generate", "--subscribers", "0", tmp.resolve("g").toString()));
  }
}
