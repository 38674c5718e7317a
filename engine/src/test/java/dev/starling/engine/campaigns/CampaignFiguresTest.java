package dev.starling.engine.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import dev.starling.engine.features.StarCriteria;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Campaign figures against the generator's expected campaign table, computed independently from the events it wrote. */
@ExtendWith(DataDirExtension.class)
class CampaignFiguresTest {
  static final ZoneId UTC = ZoneId.of("UTC");

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

  /** Generates {@code spec} into {@code dir}'s inputs and imports it; returns the generator's directory. */
  static Path imported(Starling s, DataDir dir, DatasetSpec spec) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(spec, dir.input("in"));
    for (Path f : List.of(gen.subscribersFile(), gen.campaignsFile(), gen.eventsFile())) {
      s.importFile(f, null, ImportListener.NONE);
    }
    return gen.directory();
  }

  @Test
  void everyCampaignsFiguresAndTheStarCountAfterItEqualTheGeneratorsExpectedTable(Starling s, DataDir dir) throws IOException {
    Path in = imported(s, dir, DatasetSpec.of(2000, 9, 5));
    {
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
      assertEquals(expected(in), actual);
      assertEquals(Files.readAllLines(in.resolve("truth/stars.txt")).size(), r.periods().getLast().stars(),
          "the last period's star count is today's star list");
    }
  }

  @Test
  void theCampaignsCommandsFiguresAreTheReportsFiguresForTheSameRange(Starling s, DataDir dir) throws IOException {
    imported(s, dir, DatasetSpec.of(600, 6, 8));
    {
      DateRange feb = new DateRange(LocalDate.parse("2026-01-13"), LocalDate.parse("2026-01-27"));
      List<CampaignFigures.Campaign> onDemand = s.campaigns(feb, UTC);
      assertEquals(List.of("nl-002", "nl-003", "nl-004"), onDemand.stream().map(CampaignFigures.Campaign::code).toList());
      assertEquals(onDemand, s.campaignReport(feb, UTC, Period.QUARTER).campaigns());
    }
  }
}
