package dev.starling.engine.leads.finder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.error.StarlingException;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.leads.Lead;
import dev.starling.engine.leads.LeadEvent;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.store.StoreProbe;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.engine.testing.FixedClock;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.RuleBook;
import dev.starling.rules.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lead suggestions on a real store: the planted patterns, suppression, cooldowns, failing rules, a lead's history. */
@ExtendWith(DataDirExtension.class)
@FixedClock("2026-11-23T00:00:00Z")
class LeadsTest {
  static final List<String> RULES = List.of("star-subscriber", "rising-engagement", "reactivated", "high-intent-click",
      "going-cold", "account-surge");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {31, 32})
  void theDefaultRulesSuggestExactlyThePlantedPatterns(long seed, Starling s, DataDir dir) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(DatasetSpec.of(3000, 14, seed), dir.input("in"));
    for (Path f : List.of(gen.subscribersFile(), gen.campaignsFile(), gen.eventsFile())) {
      s.importFile(f, null, ImportListener.NONE);
    }
    LeadFinder.Run run = s.suggestLeads();
    for (String rule : RULES) {
      Set<String> truth = new TreeSet<>(Files.readAllLines(dir.input("in/truth/leads-" + rule + ".txt")));
      Set<String> found = run.leads().stream().filter(l -> l.ruleId().equals(rule)).map(Lead::subjectKey)
          .collect(Collectors.toCollection(TreeSet::new));
      assertTrue(!truth.isEmpty(), "seed " + seed + " plants " + rule);
      assertEquals(truth, found, "seed " + seed + ", rule " + rule);
    }
    Set<String> scanners = new HashSet<>(Files.readAllLines(dir.input("in/truth/scanner-clickers.txt")));
    assertTrue(scanners.size() > 10);
    s.refreshFeatures(); // leads read the replay's state: the rows are written for a reader of the table
    assertEquals(scanners, query(s, "SELECT s.email FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id"
        + " WHERE f.machine_clicks > 0 AND f.human_clicks = 0"), "seed " + seed);

    LeadFinder.Run again = s.suggestLeads();
    assertEquals(0, again.created());
    assertEquals(run.leads(), again.leads());
  }

  @Test
  void noLeadForUnsubscribedPeopleNoResurfacingWithoutNewActivityAndCooldownAfterRejection(Starling s, DataDir dir) throws IOException {
    Path list = Files.writeString(dir.input("list.csv"), "email,company\nana@acme.example,Acme\nbo@acme.example,Acme\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 10; week++) {
      for (String who : List.of("ana@acme.example", "bo@acme.example")) {
        ev.append(weekly("send", who, week, 0)).append(weekly("open", who, week, 3600));
      }
    }
    ev.append("unsubscribe,bo@acme.example,nl-9,").append(at(9, 7200)).append('\n');
    Path events = Files.writeString(dir.input("ev.csv"), ev);
    s.importFile(list, null, ImportListener.NONE);
    s.importFile(events, null, ImportListener.NONE);
    LeadFinder.Run first = s.suggestLeads();
    assertEquals(List.of("ana@acme.example star-subscriber opened 10 of the last 10 newsletters"),
        first.leads().stream().map(l -> l.subjectKey() + " " + l.ruleId() + " " + l.reason()).toList());
    assertEquals(1, first.suppressed()); // bo is a star too, but unsubscribed

    // A week later, a send not opened (10 of 11 is still a star): no new activity, so no new suggestion.
    s.importFile(Files.writeString(dir.input("w10.csv"), "type,email,campaign_id,at\n" + weekly("send", "ana@acme.example", 10, 0)),
        null, ImportListener.NONE);
    LeadFinder.Run quiet = s.suggestLeads();
    assertEquals(List.of(0, 1), List.of(quiet.leads().size(), quiet.held()));

    // Sales rejects the lead; five weeks of opens later, the 28-day cooldown since the rejection has passed.
    s.transitionLead(first.leads().get(0).id(), LeadStatus.REJECTED, null, null);
    StringBuilder more = new StringBuilder("type,email,campaign_id,at\n");
    more.append(weekly("open", "ana@acme.example", 10, 3600));
    s.importFile(Files.writeString(dir.input("w10b.csv"), more), null, ImportListener.NONE);
    assertEquals(List.of(0, 1), List.of(s.suggestLeads().leads().size(), s.suggestLeads().held()),
        "new activity, but within the cooldown of the rejection");
    StringBuilder later = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 11; week < 16; week++) {
      later.append(weekly("send", "ana@acme.example", week, 0)).append(weekly("open", "ana@acme.example", week, 3600));
    }
    s.importFile(Files.writeString(dir.input("w11.csv"), later), null, ImportListener.NONE);
    LeadFinder.Run back = s.suggestLeads();
    assertEquals(List.of("ana@acme.example star-subscriber"),
        back.leads().stream().map(l -> l.subjectKey() + " " + l.ruleId()).toList());
    assertTrue(!back.week().equals(first.week()));
  }

  /** Ana opens and clicks every week; Bo and Carl open every week but never click. */
  private static void threeReaders(Starling s, DataDir dir) throws IOException {
    Path list = Files.writeString(dir.input("list.csv"), "email,company\nana@acme.example,Acme\nbo@acme.example,Acme\n"
        + "carl@acme.example,Acme\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at,url\n");
    for (int week = 0; week < 10; week++) {
      for (String who : List.of("ana@acme.example", "bo@acme.example", "carl@acme.example")) {
        ev.append(weekly("send", who, week, 0).strip()).append(",\n").append(weekly("open", who, week, 3600).strip()).append(",\n");
      }
      ev.append(weekly("click", "ana@acme.example", week, 3700).strip()).append(",https://acme.example/blog\n");
    }
    s.importFile(list, null, ImportListener.NONE);
    s.importFile(Files.writeString(dir.input("ev.csv"), ev), null, ImportListener.NONE);
  }

  @Test
  void aRuleThatFailsForSomeSubscribersIsSkippedForThemCountedAndTheOtherRulesStillSuggest(Starling s, DataDir dir)
      throws IOException {
    threeReaders(s, dir);
    RuleBook book = RuleBook.parse("""
        version: 1
        rules:
          - id: opens-per-click
            title: Clicks on most opens
            applies_to: subscriber
            when: human_opens / human_clicks <= 1
            priority: 1
            reason: "a click for every open"
            cooldown_days: 28
          - id: star-subscriber
            title: Star subscriber
            applies_to: subscriber
            when: received >= 5 && open_ratio >= 0.9
            priority: 2
            reason: "opened {{ last_n_opened }} of the last {{ last_n }} newsletters"
            cooldown_days: 28
        """, "rules.yaml", FeatureSchema.standard());
    s.refreshFeatures();
    LeadFinder.Run run = new LeadFinder(s.store(), book).suggest(s.clock().millis());
    assertEquals(List.of("ana@acme.example opens-per-click", "ana@acme.example star-subscriber",
        "bo@acme.example star-subscriber", "carl@acme.example star-subscriber"),
        run.leads().stream().map(l -> l.subjectKey() + " " + l.ruleId()).toList());
    // Bo and Carl never clicked: dividing by their zero clicks fails, for them only.
    assertEquals(List.of(new LeadFinder.RuleFailure("opens-per-click", Subject.SUBSCRIBER, 2, "bo@acme.example",
        "rules.yaml:6: rule 'opens-per-click': when: / by zero")), run.skipped());
    assertEquals("rule 'opens-per-click' could not be evaluated for 2 subscribers and was skipped for them;"
        + " first bo@acme.example: rules.yaml:6: rule 'opens-per-click': when: / by zero", run.skipped().get(0).describe());
  }

  @Test
  void aLeadsLifeIsKeptStepByStepAndAnInvalidStepChangesNothing(Starling s, DataDir dir) throws IOException {
    threeReaders(s, dir);
    LeadFinder.Run run = s.suggestLeads();
    Lead ana = run.leads().stream().filter(l -> l.subjectKey().equals("ana@acme.example")).findFirst().orElseThrow();
    assertEquals(List.of(Subject.SUBSCRIBER, LeadStatus.SUGGESTED), List.of(ana.subject(), ana.status()));
    long now = s.clock().millis();
    assertEquals(new LeadEvent(ana.id(), Optional.of(LeadStatus.SUGGESTED), LeadStatus.ACCEPTED, now, Optional.of("Rita"),
        Optional.of("knows us from the fair")), s.transitionLead(ana.id(), LeadStatus.ACCEPTED, "Rita", "knows us from the fair"));
    s.transitionLead(ana.id(), LeadStatus.WON, null, null);
    StarlingException e = assertThrows(StarlingException.class, () -> s.transitionLead(ana.id(), LeadStatus.LOST, "Rita", null));
    assertEquals("lead #" + ana.id() + " is won; it cannot become lost (allowed from won: none)", e.getMessage());
    assertEquals("no lead #999 (see 'starling leads')",
        assertThrows(StarlingException.class, () -> s.transitionLead(999, LeadStatus.ACCEPTED, null, null)).getMessage());
    assertEquals(List.of(
        new LeadEvent(ana.id(), Optional.empty(), LeadStatus.SUGGESTED, now, Optional.empty(), Optional.empty()),
        new LeadEvent(ana.id(), Optional.of(LeadStatus.SUGGESTED), LeadStatus.ACCEPTED, now, Optional.of("Rita"),
            Optional.of("knows us from the fair")),
        new LeadEvent(ana.id(), Optional.of(LeadStatus.ACCEPTED), LeadStatus.WON, now, Optional.empty(), Optional.empty())),
        s.leadHistory(ana.id()));
    assertEquals(LeadStatus.WON, s.suggestLeads().leads().stream().filter(l -> l.id() == ana.id()).findFirst().orElseThrow().status());
    assertEquals(List.of(), s.leadHistory(999));
  }

  static String weekly(String type, String who, int week, int seconds) {
    return type + "," + who + ",nl-" + week + "," + at(week, seconds) + "\n";
  }

  static String at(int week, int seconds) {
    return Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 7L * 86400 + seconds).toString();
  }

  static Set<String> query(Starling s, String sql) {
    return new HashSet<>(StoreProbe.rows(s.store(), sql));
  }
}
