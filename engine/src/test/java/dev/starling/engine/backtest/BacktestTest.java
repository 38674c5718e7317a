package dev.starling.engine.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The back-test on generated data imported week by week, as a team would: replaying the current rules
 * over the stored history gives exactly the leads the weekly runs stored, and leaves those leads as they were.
 */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class BacktestTest {
  static final LocalDate FIRST_MONDAY = LocalDate.parse("2026-01-05");
  static final int WEEKS = 9;

  @Test
  void aBacktestOfTheCurrentRulesEqualsTheStoredWeeklyLeadsAndTouchesNoLead(DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(1500, WEEKS, 43), dir.input("in"));
    List<String> lines = Files.readAllLines(gen.eventsFile());
    try (Starling s = Starling.create(dir.data(), clockAt(FIRST_MONDAY))) {
      s.importFile(gen.subscribersFile(), null, ImportListener.NONE);
    }
    // Week by week: that week's log (by event time), then the week's leads, with the clock at its end.
    for (int w = 0; w < WEEKS; w++) {
      LocalDate monday = FIRST_MONDAY.plusWeeks(w);
      long start = millis(monday);
      long end = millis(monday.plusWeeks(1));
      List<String> week = new ArrayList<>(List.of(lines.get(0)));
      lines.stream().skip(1).filter(l -> {
        long at = Instant.parse(l.split(",", 5)[3]).toEpochMilli();
        return at >= start && at < end;
      }).forEach(week::add);
      try (Starling s = Starling.open(dir.data(), Clock.fixed(Instant.ofEpochMilli(end - 1), ZoneOffset.UTC))) {
        s.importFile(Files.write(dir.input("week-" + w + ".csv"), week), null, ImportListener.NONE);
        s.suggestLeads();
      }
    }
    try (Starling s = Starling.open(dir.data(), Clock.fixed(Instant.parse("2026-03-20T10:00:00Z"), ZoneOffset.UTC))) {
      List<String> stored = StoreProbe.rows(s.store(),
          "SELECT week || ' ' || subject || ' ' || subject_key || ' ' || rule_id FROM leads ORDER BY week, subject, subject_key, rule_id");
      assertTrue(stored.size() > 20, "the weekly runs stored leads: " + stored.size());
      assertTrue(stored.stream().map(l -> l.substring(0, 8)).distinct().count() > 3, "in several weeks: " + stored);
      // Sales wins two leads in March, one of each of two people.
      List<String> firstTwo = StoreProbe.rows(s.store(), "SELECT id FROM leads ORDER BY id LIMIT 2");
      for (String id : firstTwo) {
        s.transitionLead(Long.parseLong(id), LeadStatus.ACCEPTED, "Rita", null);
        s.transitionLead(Long.parseLong(id), LeadStatus.WON, "Rita", null);
      }
      List<String> leadsBefore = StoreProbe.rows(s.store(), "SELECT * FROM leads ORDER BY id");
      List<String> historyBefore = StoreProbe.rows(s.store(), "SELECT * FROM lead_events ORDER BY id");

      List<String> replayed = new ArrayList<>();
      for (Backtest.Suggestion b : Backtest.replay(s.store(), s.rules(), s.config().engagement(), false, FIRST_MONDAY,
          FIRST_MONDAY.plusWeeks(WEEKS).minusDays(1), dir.root().resolve("scratch"))) {
        replayed.add(b.week() + " " + b.subject().key() + " " + b.subjectKey() + " " + b.ruleId());
      }
      replayed.sort(null);
      assertEquals(stored, replayed);
      assertTrue(Files.notExists(dir.root().resolve("scratch")), "the scratch copy is deleted");

      Table table = s.backtest(null, FIRST_MONDAY, FIRST_MONDAY.plusWeeks(WEEKS).minusDays(1));
      // Expected per month of each week's Sunday, from the stored leads.
      Map<String, Integer> perMonth = new TreeMap<>();
      for (String l : stored) {
        LocalDate sunday = LocalDate.parse(l.substring(0, 8) + "-7", java.time.format.DateTimeFormatter.ISO_WEEK_DATE);
        perMonth.merge(sunday.toString().substring(0, 7), 1, Integer::sum);
      }
      Map<String, Integer> shown = new TreeMap<>();
      int wonLater = 0;
      for (Object[] row : table.materialise()) {
        if (row[1].equals("all rules")) {
          shown.put((String) row[0], (Integer) row[2]);
          wonLater += (Integer) row[3];
        }
      }
      assertEquals(perMonth, shown);
      assertTrue(wonLater >= 1, "the leads won in March were suggested before: " + Arrays.toString(table.materialise().get(0)));

      assertEquals(leadsBefore, StoreProbe.rows(s.store(), "SELECT * FROM leads ORDER BY id"));
      assertEquals(historyBefore, StoreProbe.rows(s.store(), "SELECT * FROM lead_events ORDER BY id"));
    }
  }

  static long millis(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  static Clock clockAt(LocalDate day) {
    return Clock.fixed(Instant.ofEpochMilli(millis(day)), ZoneOffset.UTC);
  }
}
