package dev.starling.engine.leads;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.store.LeadBook;
import dev.starling.engine.store.LeadOutcomes;
import dev.starling.engine.store.Store;
import dev.starling.rules.Subject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scripted history on a real store (suggestions and steps at chosen clock times, through
 * {@link LeadBook}), and the SLA figures and rule grades worked out by hand. The team is in
 * Europe/Madrid (UTC+1 in winter).
 *
 * <pre>
 * #  rule  suggested (UTC)       then
 * 1  a     2026-01-05 10:00 Mon  accepted +24h (Tue)
 * 2  b     2026-01-15 10:00 Thu  rejected +2h, not a fit
 * 3  a     2026-01-30 09:00 Fri  accepted 02-02 09:00 (+72h, Mon: within 2 business days), won +240h
 * 4  a     2026-01-31 23:30 Sat  = 2026-02-01 00:30 Sun in Madrid: February there, January in UTC;
 *                                accepted +72h (Wed 00:30 Madrid: due Tue 00:30, late), contacted, lost
 * 5  b     2026-02-10 10:00 Tue  accepted +12h, won +12h
 * 6  b     2026-04-01 10:00 Wed  still suggested
 * 7  c     2026-04-02 10:00 Thu  rejected, no reason given
 * </pre>
 */
class SlaFiguresTest {
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final long H = 3_600_000L;

  @TempDir Path tmp;
  List<LeadTimeline> leads;

  static long at(String utc) {
    return Instant.parse(utc).toEpochMilli();
  }

  @BeforeEach
  void script() {
    try (Store store = Store.create(tmp)) {
      LeadBook book = new LeadBook(store);
      suggest(store, book, "a", "one@x.example", "2026-01-05T10:00:00Z");
      suggest(store, book, "b", "two@x.example", "2026-01-15T10:00:00Z");
      suggest(store, book, "a", "three@x.example", "2026-01-30T09:00:00Z");
      suggest(store, book, "a", "four@x.example", "2026-01-31T23:30:00Z");
      suggest(store, book, "b", "five@x.example", "2026-02-10T10:00:00Z");
      suggest(store, book, "b", "six@x.example", "2026-04-01T10:00:00Z");
      suggest(store, book, "c", "seven@x.example", "2026-04-02T10:00:00Z");
      book.transition(1, LeadStatus.ACCEPTED, "Rita", null, at("2026-01-06T10:00:00Z"));
      book.transition(2, LeadStatus.REJECTED, "Rita", null, "not a fit", at("2026-01-15T12:00:00Z"));
      book.transition(3, LeadStatus.ACCEPTED, "Paco", null, at("2026-02-02T09:00:00Z"));
      book.transition(3, LeadStatus.WON, "Paco", null, at("2026-02-02T09:00:00Z") + 240 * H);
      book.transition(4, LeadStatus.ACCEPTED, null, null, at("2026-01-31T23:30:00Z") + 72 * H);
      book.transition(4, LeadStatus.CONTACTED, null, null, at("2026-02-06T10:00:00Z"));
      book.transition(4, LeadStatus.LOST, null, null, at("2026-02-07T10:00:00Z"));
      book.transition(5, LeadStatus.ACCEPTED, null, null, at("2026-02-10T22:00:00Z"));
      book.transition(5, LeadStatus.WON, null, null, at("2026-02-11T10:00:00Z"));
      book.transition(7, LeadStatus.REJECTED, null, null, at("2026-04-02T11:00:00Z"));
      LeadOutcomes outcomes = new LeadOutcomes(store);
      leads = LeadOutcomes.timelines(store.read(tx -> outcomes.steps()));
    }
  }

  private static void suggest(Store store, LeadBook book, String rule, String who, String utc) {
    long t = at(utc);
    store.inTransaction(tx -> book.suggest(List.of(new LeadBook.Suggestion("2026-W01", Subject.SUBSCRIBER, who, rule, 1,
        "scripted", t, t)), t));
  }

  static SlaFigures.Row row(String period, String rule, int suggested, int accepted, int contacted, int won, int lost,
      int rejected, Double velMedian, Double velP90, Double conv, Double rate, int effective, Double lvr, Double inTime) {
    return new SlaFigures.Row(period, rule, suggested, accepted, contacted, won, lost, rejected, velMedian, velP90, conv, rate,
        effective, lvr, inTime);
  }

  @Test
  void monthsInMadridPutTheSundayJustAfterMidnightInFebruary() {
    assertEquals(List.of(
        row("2026-01", "all rules", 3, 2, 0, 1, 0, 1, 48.0, 72.0, 240.0, 0.5, 2, null, 2.0 / 3),
        row("2026-01", "a", 2, 2, 0, 1, 0, 0, 48.0, 72.0, 240.0, 0.5, 1, null, 1.0),
        row("2026-01", "b", 1, 0, 0, 0, 0, 1, null, null, null, null, 1, null, 0.0),
        row("2026-02", "all rules", 2, 2, 1, 1, 1, 0, 42.0, 72.0, 12.0, 0.5, 1, 0.0, 0.5),
        row("2026-02", "a", 1, 1, 1, 0, 1, 0, 72.0, 72.0, null, 0.0, 1, -50.0, 0.0),
        row("2026-02", "b", 1, 1, 0, 1, 0, 0, 12.0, 12.0, 12.0, 1.0, 0, null, 1.0),
        row("2026-04", "all rules", 2, 0, 0, 0, 0, 1, null, null, null, null, 2, null, 0.0),
        row("2026-04", "b", 1, 0, 0, 0, 0, 0, null, null, null, null, 1, null, 0.0),
        row("2026-04", "c", 1, 0, 0, 0, 0, 1, null, null, null, null, 1, null, 0.0)),
        SlaFigures.sla(leads, Period.MONTH, MADRID, DateRange.ALL, 2));
  }

  @Test
  void inUtcTheSameLeadIsJanuarysAndOnTime() {
    // Lead 4 in UTC: Saturday 23:30 + 2 business days = Tuesday 23:30, exactly when it was accepted.
    assertEquals(row("2026-01", "all rules", 4, 3, 1, 1, 1, 1, 72.0, 72.0, 240.0, 1.0 / 3, 3, null, 0.75),
        SlaFigures.sla(leads, Period.MONTH, ZoneId.of("UTC"), DateRange.ALL, 2).get(0));
  }

  @Test
  void quartersAndTheYear() {
    assertEquals(List.of(
        row("2026-Q1", "all rules", 5, 4, 1, 2, 1, 1, 48.0, 72.0, 126.0, 0.5, 3, null, 0.6),
        row("2026-Q1", "a", 3, 3, 1, 1, 1, 0, 72.0, 72.0, 240.0, 1.0 / 3, 2, null, 2.0 / 3),
        row("2026-Q1", "b", 2, 1, 0, 1, 0, 1, 12.0, 12.0, 12.0, 1.0, 1, null, 0.5),
        row("2026-Q2", "all rules", 2, 0, 0, 0, 0, 1, null, null, null, null, 2, null, 0.0),
        row("2026-Q2", "b", 1, 0, 0, 0, 0, 0, null, null, null, null, 1, null, 0.0),
        row("2026-Q2", "c", 1, 0, 0, 0, 0, 1, null, null, null, null, 1, null, 0.0)),
        SlaFigures.sla(leads, Period.QUARTER, MADRID, DateRange.ALL, 2));
    assertEquals(row("2026", "all rules", 7, 4, 1, 2, 1, 2, 48.0, 72.0, 126.0, 0.5, 5, null, 3.0 / 7),
        SlaFigures.sla(leads, Period.YEAR, MADRID, DateRange.ALL, 2).get(0));
  }

  @Test
  void aRangeKeepsTheLeadsSuggestedOnItsDaysInTheTeamsZone() {
    // 2026-02-01 in Madrid holds lead 4 (Jan 31 23:30 UTC) and nothing else.
    assertEquals(List.of(
        row("2026-02", "all rules", 1, 1, 1, 0, 1, 0, 72.0, 72.0, null, 0.0, 1, null, 0.0),
        row("2026-02", "a", 1, 1, 1, 0, 1, 0, 72.0, 72.0, null, 0.0, 1, null, 0.0)),
        SlaFigures.sla(leads, Period.MONTH, MADRID, new DateRange(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 1)), 2));
  }

  @Test
  void businessDaysSkipTheWeekendInTheTeamsZone() {
    // Friday 10:00 in Madrid + 2 business days = Tuesday 10:00; Saturday and Sunday count nothing.
    assertEquals(at("2026-02-03T09:00:00Z"), SlaFigures.deadline(at("2026-01-30T09:00:00Z"), MADRID, 2));
    assertEquals(at("2026-02-03T09:00:00Z"), SlaFigures.deadline(at("2026-01-31T09:00:00Z"), MADRID, 2));
    assertEquals(at("2026-02-03T09:00:00Z"), SlaFigures.deadline(at("2026-02-01T09:00:00Z"), MADRID, 2));
    // Monday + 2 = Wednesday; 0 days = at once.
    assertEquals(at("2026-02-04T09:00:00Z"), SlaFigures.deadline(at("2026-02-02T09:00:00Z"), MADRID, 2));
    assertEquals(at("2026-02-02T09:00:00Z"), SlaFigures.deadline(at("2026-02-02T09:00:00Z"), MADRID, 0));
    // Friday 23:30 UTC is already Saturday in Madrid: due Tuesday 00:30 Madrid, Monday 23:30 UTC.
    assertEquals(at("2026-02-02T23:30:00Z"), SlaFigures.deadline(at("2026-01-30T23:30:00Z"), MADRID, 2));
    // Across the spring change (29 March) the wall-clock time holds: Fri 27 Mar 10:00 CET -> Tue 31 Mar 10:00 CEST.
    assertEquals(at("2026-03-31T08:00:00Z"), SlaFigures.deadline(at("2026-03-27T09:00:00Z"), MADRID, 2));
  }

  @Test
  void rulesAreGradedOnEverySuggestion() {
    assertEquals(List.of(
        new SlaFigures.Grade("a", 3, 1.0, 1.0 / 3, 72.0, "", false),
        new SlaFigures.Grade("b", 3, 1.0 / 3, 1.0 / 3, 12.0, "not a fit (1)", false),
        new SlaFigures.Grade("c", 1, 0.0, 0.0, null, "(none given) (1)", true)),
        SlaFigures.grades(leads));
  }
}
