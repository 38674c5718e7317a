package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.starling.engine.cli.CliRunner.Run;

class CliTest {
  @TempDir Path tmp;

  Run run(Map<String, String> env, String... args) {
    return CliRunner.run(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), env, args);
  }

  Run run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void demoImportsTheBundledDataAndFindsTheShippedStars() throws IOException {
    Path data = tmp.resolve("demo");
    Run r = run("demo", "--data", data.toString());
    assertEquals(0, r.code(), r.err());
    int shipped = Files.readAllLines(data.resolve("demo-input/truth/stars.txt")).size();
    assertTrue(r.out().contains(shipped + " star subscribers (received >= 5 newsletters, human-opened >= 90% of them"), r.out());
    Run csv = run("stars", "--data", data.toString(), "--format", "csv");
    List<String> lines = csv.out().lines().toList();
    assertEquals("email,name,company,received,opened,ratio,human_opens,machine_opens,human_clicks,last_human_at,status", lines.get(0));
    List<String> emails = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(','))).sorted().toList();
    assertEquals(Files.readAllLines(data.resolve("demo-input/truth/stars.txt")), emails);

    Run again = run("demo", "--data", data.toString());
    assertEquals(1, again.code());
    assertEquals("starling: " + data + " already holds a store; the demo needs a fresh one: name a new directory with --data, or leave --data out\n", again.err());
  }

  @Test
  void importThenStarsWithThresholdsFromFlagsAndTheDataDirectoryFromTheEnvironment() throws IOException {
    DatasetGenerator.generate(DatasetSpec.of(500, 8, 21), tmp.resolve("in"));
    Map<String, String> env = Map.of("STARLING_HOME", tmp.resolve("home").toString());
    Run imp = run(env, "import", tmp.resolve("in/subscribers.csv").toString(), tmp.resolve("in/campaigns.csv").toString(),
        tmp.resolve("in/events.csv").toString());
    assertEquals(0, imp.code(), imp.err());
    assertTrue(imp.out().startsWith("subscribers.csv: starling-csv subscribers, 500 rows read: 500 imported, 0 duplicates skipped, 0 rejected"), imp.out());
    assertTrue(Files.exists(tmp.resolve("home/starling.db")));

    Run json = run(env, "stars", "--format", "json", "--top", "2", "--min-campaigns", "6", "--min-ratio", "0.5");
    assertEquals(0, json.code(), json.err());
    assertTrue(json.out().strip().startsWith("[ {\n  \"email\" : "), json.out());
    assertEquals(2, json.out().split("\"email\"").length - 1);

    Run bad = run(env, "stars", "--min-ratio", "1.5");
    assertEquals(new Run(2, "", "starling: --min-ratio must be a share above 0 and at most 1, such as 0.9 or 90%, but was '1.5'"
        + " (see 'starling stars --help')\n"), bad);
  }

  @Test
  void aFirstLoadComputesTheFeaturesUnlessToldNotToAndLaterImportsLeaveThemToTheNextCommand() throws IOException {
    DatasetGenerator.generate(DatasetSpec.of(200, 4, 5), tmp.resolve("in"));
    String data = tmp.resolve("d").toString();
    String[] files = {tmp.resolve("in/subscribers.csv").toString(), tmp.resolve("in/campaigns.csv").toString(),
        tmp.resolve("in/events.csv").toString()};
    Run later = run(java.util.stream.Stream.concat(java.util.stream.Stream.of("import", "--no-refresh", "--data", data),
        java.util.Arrays.stream(files)).toArray(String[]::new));
    assertEquals(0, later.code(), later.err());
    assertEquals(java.util.List.of("full"), featuresDirty(data)); // left for the next question (list data: a full replay)
    Run stars = run("stars", "--data", data, "--top", "1");
    assertEquals(0, stars.code(), stars.err());
    assertEquals(java.util.List.of("0"), featuresDirty(data));

    String fresh = tmp.resolve("d2").toString();
    Run now = run(java.util.stream.Stream.concat(java.util.stream.Stream.of("import", "--data", fresh),
        java.util.Arrays.stream(files)).toArray(String[]::new));
    assertEquals(0, now.code(), now.err());
    assertEquals("", now.err()); // no terminal: no progress drawn
    assertEquals(java.util.List.of("0"), featuresDirty(fresh)); // refreshed by the import itself
    assertEquals(run("stars", "--data", data).out(), run("stars", "--data", fresh).out());

    Path late = Files.writeString(tmp.resolve("late.csv"), "type,email,campaign_id,at\n"
        + "open," + java.nio.file.Files.readAllLines(tmp.resolve("in/subscribers.csv")).get(1).split(",")[0]
        + ",nl-004,2026-05-01T10:00:00Z\n");
    Run weekly = run("import", "--data", fresh, late.toString());
    assertEquals(0, weekly.code(), weekly.err());
    assertEquals(java.util.List.of("1"), featuresDirty(fresh)); // the features existed: left to the next command
  }

  private static java.util.List<String> featuresDirty(String data) {
    try (var store = dev.starling.engine.store.Store.open(Path.of(data))) {
      return dev.starling.engine.store.StoreProbe.rows(store, "SELECT value FROM meta WHERE key = 'features_dirty'");
    }
  }

  @Test
  void userErrorsAreOneLineAndExitOne() throws IOException {
    Run missing = run("import", "--data", tmp.toString(), tmp.resolve("nope.csv").toString());
    assertEquals(new Run(1, "", "starling: " + tmp.resolve("nope.csv") + ": no such file\n"), missing);
    Path good = Files.writeString(tmp.resolve("list.csv"), "email\nana@acme.example\n");
    Run some = run("import", "--data", tmp.toString(), tmp.resolve("nope.csv").toString(), good.toString());
    assertEquals(1, some.code());
    assertEquals("starling: " + tmp.resolve("nope.csv") + ": no such file\nstarling: 1 of 2 sources failed; the others were imported\n", some.err());
    assertTrue(some.out().startsWith("list.csv: starling-csv subscribers, 1 row read: 1 imported, 0 duplicates skipped, 0 rejected (1 new subscriber, 0 unknown campaigns created)"), some.out());
    Files.writeString(tmp.resolve("starling.yaml"), "stars:\n  min-ratio: high\n");
    Run config = run("stars", "--data", tmp.toString());
    assertEquals("starling: " + tmp.resolve("starling.yaml") + ":2: key 'stars.min-ratio' must be a number in (0, 1] but was 'high'\n", config.err());
    Run verbose = run("stars", "--data", tmp.toString(), "--verbose");
    assertTrue(verbose.err().contains("at dev.starling.engine.config.ConfigFile"), verbose.err());
  }

  @Test
  void leadRecordsEachStepWithWhoAndWhyAndRefusesAStepItsStatusDoesNotAllow() throws IOException {
    Files.writeString(tmp.resolve("list.csv"), "email\nana@acme.example\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      Instant sent = Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 604_800L);
      ev.append("send,ana@acme.example,nl-").append(week).append(',').append(sent).append('\n')
          .append("open,ana@acme.example,nl-").append(week).append(',').append(sent.plusSeconds(3600)).append('\n');
    }
    Files.writeString(tmp.resolve("ev.csv"), ev);
    String data = tmp.resolve("data").toString();
    assertEquals(0, run("import", "--data", data, tmp.resolve("list.csv").toString(), tmp.resolve("ev.csv").toString()).code());
    Run leads = run("leads", "--data", data, "--format", "csv");
    assertEquals(List.of(0, ""), List.of(leads.code(), leads.err()));
    assertEquals("1,2026-W07,1,star-subscriber,Star subscriber,subscriber,ana@acme.example,opened 6 of the last 6 newsletters,suggested",
        leads.out().lines().skip(1).findFirst().orElseThrow());

    assertEquals(new Run(0, "Lead #1 is now accepted\n", ""),
        run("lead", "--data", data, "1", "accepted", "--by", "Rita", "--note", "met at the fair"));
    assertEquals(new Run(0, "Lead #1 is now won\n", ""), run("lead", "--data", data, "1", "WON"));
    assertEquals(new Run(1, "", "starling: lead #1 is won; it cannot become lost (allowed from won: none)\n"),
        run("lead", "--data", data, "1", "lost"));
    assertEquals(new Run(1, "", "starling: no lead #7 (see 'starling leads')\n"), run("lead", "--data", data, "7", "accepted"));
    assertEquals(new Run(1, "", "starling: status must be one of suggested, accepted, contacted, won, lost, rejected but was 'done'\n"),
        run("lead", "--data", data, "1", "done"));
  }

  @Test
  void initWritesTheCommentedConfigAndFormatsListsTheReaders() throws IOException {
    Run init = run("init", "--data", tmp.toString());
    assertEquals(0, init.code(), init.err());
    assertTrue(Files.readString(tmp.resolve("starling.yaml")).contains("  min-ratio: 0.9\n"));
    assertTrue(run("formats").out().contains("starling-csv"));
    assertTrue(run("--help").out().contains("Usage: starling"));
  }
}
