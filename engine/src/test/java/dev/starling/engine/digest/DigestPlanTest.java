package dev.starling.engine.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.store.DigestQueries.AccountRow;
import dev.starling.engine.store.DigestQueries.LeadRow;
import dev.starling.engine.store.DigestQueries.PersonRow;
import dev.starling.engine.store.DigestQueries.StarSnapshot;
import dev.starling.rules.Subject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The arithmetic of a digest on hand-made rows: merge per person, ranking, cap, routing and what changed. */
class DigestPlanTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T23:30:00Z"), ZoneOffset.UTC);
  static final Salesperson ES = new Salesperson("Lucía", "lucia@sales.example", Language.ES, ZoneId.of("Europe/Madrid"));
  static final Salesperson EN = new Salesperson("Oliver", "oliver@sales.example", Language.EN, ZoneId.of("America/New_York"));
  static final Routing ROUTING = Routing.of(List.of(
      new Routing.Seat(ES, new Territory(Set.of(), Set.of(), Set.of(), Set.of("ES"))),
      new Routing.Seat(EN, Territory.NONE)), "oliver@sales.example");
  static final Map<String, String> TITLES = Map.of("star", "Star subscriber", "click", "High-intent click",
      "surge", "Account surge");

  static PersonRow person(String email, String country, double score, String status) {
    return new PersonRow(email, email.substring(0, email.indexOf('@')), null, email.substring(email.indexOf('@') + 1), country,
        null, 10, 9, 20, 2, score, 1_000, 500, status);
  }

  static LeadRow lead(long id, String rule, int priority, PersonRow p, boolean resurfaced, String status) {
    return new LeadRow(id, Subject.SUBSCRIBER, p.email(), rule, priority, rule + " reason", LeadStatus.ofCode(status), resurfaced,
        p, null);
  }

  @Test
  void onePersonOneEntryRankedByPriorityThenScoreCappedAndRouted() {
    PersonRow ana = person("ana@x.example", "ES", 5.0, "active");
    PersonRow bea = person("bea@x.example", "ES", 9.0, "active");
    PersonRow cid = person("cid@x.example", "ES", 1.0, "active");
    PersonRow dan = person("dan@x.example", "US", 3.0, "active");
    AccountRow acme = new AccountRow("acme", 5, 4, 3, 12.5, 2_000, "ES", "acme.example");
    List<LeadRow> leads = List.of(
        lead(1, "star", 1, ana, false, "suggested"),
        lead(2, "click", 1, ana, false, "suggested"),
        lead(3, "click", 2, bea, false, "suggested"),
        lead(4, "star", 1, cid, true, "suggested"),
        lead(5, "star", 1, dan, false, "suggested"),
        new LeadRow(6, Subject.ACCOUNT, "acme", "surge", 1, "3 people", LeadStatus.SUGGESTED, false, null, acme));
    DigestPlan.Result r = new DigestPlan(ROUTING, 2, TITLES, CLOCK).plan("2026-W49", 0, leads, List.of(), List.of(ana),
        Optional.empty(), account -> List.of(person("eva@acme.example", "ES", 2, "active")));

    Digest es = r.digests().get(0);
    assertEquals(ES, es.recipient());
    assertEquals(5, es.suggestions(), "four person suggestions and one account one before the merge");
    // ana (priority 1, score 5) before cid (priority 1, score 1) before bea (priority 2, score 9)
    assertEquals(List.of("ana@x.example", "cid@x.example", "bea@x.example"), es.people().stream().map(DigestEntry::key).toList());
    assertEquals(List.of("ana@x.example", "cid@x.example"), es.shownPeople().stream().map(DigestEntry::key).toList());
    assertEquals(List.of(1L, 2L), es.people().get(0).leadIds());
    assertEquals(List.of("Star subscriber", "High-intent click"),
        es.people().get(0).reasons().stream().map(DigestEntry.Reason::title).toList());
    assertEquals(1, es.stars());
    assertEquals(4, es.opportunities());
    assertEquals(List.of("acme"), es.accounts().stream().map(DigestEntry::key).toList());
    assertEquals(Subject.ACCOUNT, es.accounts().get(0).subject());
    assertEquals(List.of("eva@acme.example"), es.accounts().get(0).people().stream().map(PersonRow::email).toList());
    assertEquals(List.of("cid@x.example"), es.changes().resurfaced().stream().map(DigestEntry::key).toList());
    // 23:30 UTC is already 3 December in Madrid, still 2 December in New York.
    assertEquals(LocalDate.of(2026, 12, 3), es.date());
    Digest en = r.digests().get(1);
    assertEquals(List.of("dan@x.example"), en.people().stream().map(DigestEntry::key).toList());
    assertEquals(Routing.By.DEFAULT, en.people().get(0).routedBy());
    assertEquals(LocalDate.of(2026, 12, 2), en.date());
    assertEquals(List.of(), r.unrouted());
  }

  @Test
  void whatChangedComparesWithTheLastSnapshotAndLastWeeksAnswers() {
    PersonRow stays = person("stays@x.example", "ES", 5, "active");
    PersonRow fresh = person("fresh@x.example", "ES", 7, "active");
    PersonRow cold = person("cold@x.example", "ES", 2, "active");
    PersonRow left = person("left@x.example", "ES", 2, "unsubscribed");
    PersonRow us = person("us@x.example", "US", 2, "active");
    List<LeadRow> lastWeek = new ArrayList<>(List.of(
        lead(1, "star", 1, stays, false, "suggested"),
        lead(2, "click", 1, stays, false, "accepted"), // one outcome recorded: the entry is answered
        lead(3, "star", 1, cold, false, "suggested"),
        lead(4, "star", 1, us, false, "suggested")));
    DigestPlan.Result r = new DigestPlan(ROUTING, 25, TITLES, CLOCK).plan("2026-W49", 0, List.of(), lastWeek,
        List.of(stays, fresh), Optional.of(new StarSnapshot("2026-W48", List.of(stays, cold, left, us))), a -> List.of());

    Digest.Changes es = r.digests().get(0).changes();
    assertEquals("2026-W48", es.comparedWith());
    assertEquals(List.of("fresh@x.example"), es.newStars().stream().map(PersonRow::email).toList());
    assertEquals(List.of("cold@x.example"), es.coldStars().stream().map(PersonRow::email).toList(),
        "a star who unsubscribed is gone, not going cold");
    assertEquals("2026-W48", es.lastWeek());
    assertEquals(2, es.lastWeekEntries());
    assertEquals(1, es.unanswered());
    Digest.Changes en = r.digests().get(1).changes();
    assertEquals(List.of("us@x.example"), en.coldStars().stream().map(PersonRow::email).toList());
    assertEquals(1, en.unanswered());
  }

  @Test
  void weeksAcrossTheYearBoundary() {
    assertEquals("2026-W53", DigestPlan.previousWeek("2027-W01"));
    assertEquals("2026-W48", DigestPlan.previousWeek("2026-W49"));
    assertEquals(LocalDate.of(2026, 11, 30), DigestPlan.mondayOf("2026-W49"));
    assertEquals("week 2025-W53 does not exist: 2025 has 52 ISO weeks",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DigestPlan.mondayOf("2025-W53"))
            .getMessage());
  }
}
