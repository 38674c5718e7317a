package dev.starling.engine.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Periods are calendar periods in the report's time zone: 23:30 UTC on 31 March is April in Madrid. */
@ExtendWith(DataDirExtension.class)
class PeriodBoundaryTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final ZoneId UTC = ZoneId.of("UTC");

  Starling s;

  @BeforeEach
  void store(Starling starling, DataDir dir) throws IOException {
    Path tmp = dir.root();
    Path campaigns = Files.writeString(tmp.resolve("campaigns.csv"), """
        campaign_id,name,subject,sent_at,list
        late-march,Late March,Spring,2026-03-31T21:00:00Z,news
        midnight,Midnight,April in Madrid,2026-03-31T23:30:00Z,news
        may,May,May,2026-05-10T09:00:00Z,news
        """);
    Path events = Files.writeString(tmp.resolve("events.csv"), """
        type,email,campaign_id,at
        delivery,ana@acme.example,late-march,2026-03-31T21:00:05Z
        delivery,ana@acme.example,midnight,2026-03-31T23:30:05Z
        open,ana@acme.example,midnight,2026-04-01T08:00:00Z
        delivery,ana@acme.example,may,2026-05-10T09:00:05Z
        """);
    s = starling;
    s.importFile(campaigns, null, ImportListener.NONE);
    s.importFile(events, null, ImportListener.NONE);
  }

  private List<String> periods(ZoneId zone, Period period) {
    return s.campaignReport(DateRange.ALL, zone, period).periods().stream()
        .map(p -> p.label() + " " + p.start() + " " + p.campaigns() + " " + p.counts().uniqueHumanOpens()).toList();
  }

  @Test
  void aCampaignSentAt2330UtcOn31MarchBelongsToAprilInMadridAndToMarchInUtc() {
    assertEquals(List.of("2026-03 2026-03-01 1 0", "2026-04 2026-04-01 1 1", "2026-05 2026-05-01 1 0"), periods(MADRID, Period.MONTH));
    assertEquals(List.of("2026-03 2026-03-01 2 1", "2026-04 2026-04-01 0 0", "2026-05 2026-05-01 1 0"), periods(UTC, Period.MONTH),
        "a month with no campaign is still a period: a chart's time axis does not skip it");
    assertEquals(List.of("2026-Q1 2026-01-01 1 0", "2026-Q2 2026-04-01 2 1"), periods(MADRID, Period.QUARTER));
    assertEquals(List.of("2026-Q1 2026-01-01 2 1", "2026-Q2 2026-04-01 1 0"), periods(UTC, Period.QUARTER));
    assertEquals(List.of("2026 2026-01-01 3 1"), periods(MADRID, Period.YEAR));
  }

  @Test
  void fromAndToAreWholeDaysInTheReportsZone() {
    DateRange april = new DateRange(LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-30"));
    assertEquals(List.of("midnight"), s.campaigns(april, MADRID).stream().map(CampaignFigures.Campaign::code).toList());
    assertEquals(List.of(), s.campaigns(april, UTC));
    DateRange march = new DateRange(null, LocalDate.parse("2026-03-31"));
    assertEquals(List.of("late-march", "midnight"), s.campaigns(march, UTC).stream().map(CampaignFigures.Campaign::code).toList());
  }
}
