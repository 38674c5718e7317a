package dev.starling.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.finder.LeadFinder;
import dev.starling.engine.store.LeadBook;
import dev.starling.engine.store.Store;
import dev.starling.engine.store.StoreProbe;
import dev.starling.rules.Subject;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a check: writes a year of lead history into an existing store, for the figures of docs/sla.md
 * ({@code report sla} and {@code rules backtest} over a year at 100,000 subscribers). Runs only when
 * asked: {@code -Dstarling.sla.history=DATA_DIR}. Each Monday of 2026, {@code starling.sla.perWeek}
 * (default 500) subscribers, drawn with a printed seed, are suggested under one of the default rules;
 * then sales answers most of them: accepted after 1 to 120 hours (70%), of those contacted (50%), won
 * (30%) or lost (20%); rejected with a reason (15%); the rest never answered.
 */
class SlaHistoryGenerator {
  static final List<String> RULES = List.of("star-subscriber", "rising-engagement", "reactivated", "high-intent-click", "going-cold");
  static final List<String> REASONS = List.of("not a fit", "already a customer", "wrong person", "no budget", "other");
  static final List<String> PEOPLE = List.of("Rita", "Paco", "Ann", "José");
  static final long HOUR = 3_600_000L;

  @Test
  @EnabledIfSystemProperty(named = "starling.sla.history", matches = ".+")
  void writeAYearOfLeadHistory() {
    Path data = Path.of(System.getProperty("starling.sla.history"));
    int perWeek = Integer.getInteger("starling.sla.perWeek", 500);
    long seed = Long.getLong("starling.sla.seed", 11);
    System.out.println("SlaHistoryGenerator: seed " + seed + ", " + perWeek + " leads a week, into " + data);
    Random rnd = new Random(seed);
    try (Store store = Store.open(data)) {
      List<String> emails = StoreProbe.rows(store, "SELECT email FROM subscribers ORDER BY id");
      LeadBook book = new LeadBook(store);
      long id = 0;
      int steps = 0;
      for (LocalDate monday = LocalDate.parse("2026-01-05"); monday.getYear() == 2026; monday = monday.plusWeeks(1)) {
        long at = monday.atTime(7, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
        String week = LeadFinder.isoWeek(at);
        List<LeadBook.Suggestion> batch = new ArrayList<>();
        for (int i = 0; i < perWeek; i++) {
          String email = emails.get(rnd.nextInt(emails.size()));
          String rule = RULES.get(rnd.nextInt(RULES.size()));
          batch.add(new LeadBook.Suggestion(week, Subject.SUBSCRIBER, email, rule, 1 + RULES.indexOf(rule), "generated", at, at));
        }
        int created = book.suggest(batch, at);
        long first = id + 1;
        id += created;
        for (long lead = first; lead <= id; lead++) {
          String by = PEOPLE.get(rnd.nextInt(PEOPLE.size()));
          double r = rnd.nextDouble();
          long t = at + (1 + rnd.nextInt(120)) * HOUR;
          if (r < 0.70) {
            book.transition(lead, LeadStatus.ACCEPTED, by, null, t);
            steps++;
            if (rnd.nextDouble() < 0.5) {
              t += (1 + rnd.nextInt(72)) * HOUR;
              book.transition(lead, LeadStatus.CONTACTED, by, null, t);
              steps++;
            }
            double end = rnd.nextDouble();
            t += (1 + rnd.nextInt(500)) * HOUR;
            if (end < 0.3) {
              book.transition(lead, LeadStatus.WON, by, null, t);
              steps++;
            } else if (end < 0.5) {
              book.transition(lead, LeadStatus.LOST, by, null, t);
              steps++;
            }
          } else if (r < 0.85) {
            book.transition(lead, LeadStatus.REJECTED, by, null, REASONS.get(rnd.nextInt(REASONS.size())), t);
            steps++;
          }
        }
      }
      System.out.println("SlaHistoryGenerator: " + id + " leads, " + steps + " steps after the suggestions");
      assertEquals(List.of(Long.toString(id)), StoreProbe.rows(store, "SELECT count(*) FROM leads"));
    }
  }
}
