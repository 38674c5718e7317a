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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code starling search}, {@code reindex} and {@code stats} as a user runs them: exact output, notes and exit codes. */
class SearchCliTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path data;

  private Run run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--data";
    all[1] = data.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    Run r = CliRunner.run(CLOCK, Map.of(), all);
    return new Run(r.code(), r.out().replace("\r\n", "\n"), r.err()); // CSV ends its lines with CRLF (RFC 4180)
  }

  @BeforeEach
  void importAList() throws IOException {
    data = tmp.resolve("data");
    Path list = Files.writeString(tmp.resolve("list.csv"), """
        email,first_name,last_name,company,country,tags
        ana@acme.example,Ana,García,Acme Logistics,España,customer
        bo@beta.example,Bo,Berg,Beta Foods,Sweden,trial
        cy@acme.example,Cy,Cole,Acme Logistics,Spain,trial
        """);
    assertEquals(0, run("import", list.toString()).code());
  }

  @Test
  void searchBuildsTheIndexOnFirstUseAndPrintsCsvWithTheEmailColumn() {
    Run r = run("search", "country:ES company:acme", "--format", "csv");
    assertEquals(new Run(0, """
        email,name,company,domain,country,stars,score,state,status,last_human_at
        ana@acme.example,Ana García,Acme Logistics,acme.example,ES,,,,,
        cy@acme.example,Cy Cole,Acme Logistics,acme.example,ES,,,,,
        """, "starling: the search index is missing: rebuilding it from the store\n"), r);
    assertEquals(new Run(0, "account\nacme logistics\n", ""),
        withOnlyTheFirstColumn(run("search", "--accounts", "country:España", "--format", "csv")));
  }

  private static Run withOnlyTheFirstColumn(Run r) {
    StringBuilder out = new StringBuilder();
    r.out().lines().forEach(l -> out.append(l, 0, l.indexOf(',') < 0 ? l.length() : l.indexOf(',')).append('\n'));
    return new Run(r.code(), out.toString(), r.err());
  }

  @Test
  void facetsFollowTheHits() {
    Run r = run("search", "tags:trial", "--facets", "--format", "csv");
    assertEquals(new Run(0, """
        email,name,company,domain,country,stars,score,state,status,last_human_at
        bo@beta.example,Bo Berg,Beta Foods,beta.example,SE,,,,,
        cy@acme.example,Cy Cole,Acme Logistics,acme.example,ES,,,,,
        facet,value,count
        domain,acme.example,1
        domain,beta.example,1
        company,Acme Logistics,1
        company,Beta Foods,1
        country,ES,1
        country,SE,1
        """, "starling: the search index is missing: rebuilding it from the store\n"), r);
  }

  @Test
  void aMalformedQueryIsOneLineOnStderrAndExitCodeOne() {
    assertEquals(new Run(1, "", "starling: malformed query at column 14: it ends too early (an unclosed '(' or '[', or an"
        + " operator with nothing after it?)\n"), run("search", "company:(acme"));
    assertEquals(2, run("search", "acme", "--sort", "newest").code());
    assertEquals("starling: --sort must be relevance, score or recent but was 'newest' (see 'starling --help')",
        run("search", "acme", "--sort", "newest").err().lines().findFirst().orElse(""));
  }

  @Test
  void reindexRebuildsAndStatsShowsTheIndexAndTheCaches() {
    assertEquals(new Run(0, "Indexed 3 subscribers and 2 accounts in 0.0 s.\n", ""),
        new Run(0, run("reindex").out().replaceAll("in \\d+\\.\\d s", "in 0.0 s"), ""));
    run("search", "acme");
    run("search", "acme");
    Run stats = run("stats", "--format", "csv");
    assertEquals(0, stats.code());
    assertEquals("""
        part,entries,bound,bytes,hits,misses,hit_rate,evictions
        index: subscribers,3,,BYTES,,,,
        index: accounts,2,,,,,,
        cache: search,1,1000,,0,2,0,0
        cache: account_features,0,10000,,0,0,,0
        cache: aggregates,0,32,,0,0,,0
        """, stats.out().replaceAll("subscribers,3,,\\d+,", "subscribers,3,,BYTES,"));
  }
}
