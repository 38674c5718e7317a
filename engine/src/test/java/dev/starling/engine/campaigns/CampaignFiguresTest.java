package dev.starling.engine.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaign figures against the generator's expected campaign table, computed independently from the events it wrote. */
class CampaignFiguresTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);
  static final ZoneId UTC = ZoneId.of("UTC");

  @TempDir Path tmp;

  /** The expected table as the generator wrote it: campaign code, then the figures in the file's order. */
  static List<String> expected(Path truthDir) throws IOException {
    return Files.readAllLines(truthDir.resolve(DatasetGenerator.CAMPAIGNS_TRUTH)).stream().skip(1).toList();
  }

  /** The same line for computed figures (stars_after from the star count after that campaign). */
  static String line(CampaignFigures.Campaign c, long starsAfter) {
    Counts k = c.counts();
    return String.join(",", c.code(), "" + k.sends(), "" + k.delivered(), "" + k.hardBounces(), "" + k.softBounces(),
        "" + k.uniqueHumanOpens(), "" + k.humanOpens(), "" + k.machineOpens(), "" + k.uniqueHumanClicks(),
        "" + k.humanClicks(), "" + k.complaints(), "" + k.unsubscribes(), "" + starsAfter);
  }

  static Starling imported(Path tmp, DatasetSpec spec) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(spec, tmp.resolve("in"));
    Starling s = Starling.open(tmp.resolve("data"), CLOCK);
    for (Path f : List.of(gen.subscribersFile(), gen.campaignsFile(), gen.eventsFile())) {
      s.importFile(f, null, ImportListener.NONE);
    }
    return s;
  }

  @Test
  void everyCampaignsFiguresAndTheStarCountAfterItEqualTheGeneratorsExpectedTable() throws IOException {
    try (Starling s = imported(tmp, DatasetSpec.of(2000, 9, 5))) {
      // Weekly campaigns and weekly "periods": one campaign per period, so each period's stars are that campaign's.
      CampaignReport r = new CampaignFigures(s.store(), s.config().engagement(), StarCriteria.DEFAULTS)
          .report(DateRange.ALL, UTC, Period.MONTH);
      List<String> actual = new ArrayList<>();
      List<CampaignFigures.Campaign> campaigns = r.campaigns();
      CampaignFigures figures = new CampaignFigures(s.store(), s.config().engagement(), StarCriteria.DEFAULTS);
      for (CampaignFigures.Campaign c : campaigns) {
        LocalDate day = c.sentAt().atZone(UTC).toLocalDate();
        // The star count after campaign c: the last period of a report that ends on c's day.
        List<CampaignFigures.PeriodRow> upTo = figures.report(new DateRange(null, day), UTC, Period.YEAR).periods();
        actual.add(line(c, upTo.getLast().stars()));
      }
      assertEquals(expected(tmp.resolve("in")), actual);
      assertEquals(Files.readAllLines(tmp.resolve("in/truth/stars.txt")).size(), r.periods().getLast().stars(),
          "the last period's star count is today's star list");
    }
  }

  @Test
  void theCampaignsCommandsFiguresAreTheReportsFiguresForTheSameRange() throws IOException {
    try (Starling s = imported(tmp, DatasetSpec.of(600, 6, 8))) {
      DateRange feb = new DateRange(LocalDate.parse("2026-01-13"), LocalDate.parse("2026-01-27"));
      List<CampaignFigures.Campaign> onDemand = s.campaigns(feb, UTC);
      assertEquals(List.of("nl-002", "nl-003", "nl-004"), onDemand.stream().map(CampaignFigures.Campaign::code).toList());
      assertEquals(onDemand, s.campaignReport(feb, UTC, Period.QUARTER).campaigns());
    }
  }
}
