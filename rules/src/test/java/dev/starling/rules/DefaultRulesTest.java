package dev.starling.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped rule pack loads, and each rule fires exactly at its boundary with the exact reason. */
class DefaultRulesTest {
  private static final FeatureSchema SCHEMA = FeatureSchema.standard();
  private static final RuleBook BOOK = RuleBook.defaults(SCHEMA);

  /** An engaged but unremarkable subscriber for whom no default rule fires. */
  static Features.Builder quietSubscriber() {
    return SCHEMA.newFeatures(Subject.SUBSCRIBER)
        .set("email", "ann@acme.example").set("domain", "acme.example").set("company", "Acme")
        .set("received", 10).set("campaigns_opened", 5).set("open_ratio", 0.5)
        .set("last_n", 10).set("last_n_opened", 5)
        .set("human_opens", 6).set("machine_opens", 2).set("human_clicks", 1)
        .set("clicked_urls", List.of("https://acme.example/blog/post"))
        .set("high_intent_clicks", 0).set("high_intent_pages", List.of())
        .set("streak", 1).set("recent_misses", 0).set("days_since_human_activity", 3)
        .set("score", 2.5).set("trend", 0.0).set("star_tier", 2)
        .set("was_star", false).set("dormant_before", false)
        .set("confidence", "high").set("status", "active").set("state", "engaged");
  }

  static Features.Builder quietAccount() {
    return SCHEMA.newFeatures(Subject.ACCOUNT)
        .set("account", "Acme").set("people", 7).set("engaged_people", 2)
        .set("engaged_14d", 2).set("newly_engaged_14d", 1).set("score_sum", 4.25);
  }

  private static List<String> fired(Features f) {
    return BOOK.evaluate(f).stream().map(m -> m.rule().id()).toList();
  }

  private static List<String> fired(UnaryOperator<Features.Builder> change) {
    return fired(change.apply(quietSubscriber()).build());
  }

  @Test
  void defaultPackHasTheAgreedRules() {
    assertEquals(List.of("star-subscriber", "rising-engagement", "reactivated", "high-intent-click",
        "account-surge", "going-cold"), BOOK.rules().stream().map(Rule::id).toList());
    assertEquals(List.of("account-surge"), BOOK.rules(Subject.ACCOUNT).stream().map(Rule::id).toList());
    assertEquals("default-rules.yaml", BOOK.source());
    Rule star = BOOK.rules().get(0);
    assertEquals(new Rule("star-subscriber", "Star subscriber", Subject.SUBSCRIBER,
        "received >= 5 && open_ratio >= 0.9", 1, "opened {{ last_n_opened }} of the last {{ last_n }} newsletters",
        28, "default-rules.yaml", star.line()), star);
  }

  @Test
  void nothingFiresForAQuietSubscriberOrAccount() {
    assertEquals(List.of(), fired(quietSubscriber().build()));
    assertEquals(List.of(), fired(quietAccount().build()));
  }

  @ParameterizedTest(name = "received={0} open_ratio={1} -> {2}")
  @CsvSource({
      "5, 0.9,  true",
      "5, 0.89, false",
      "4, 1.0,  false",
      "12, 1.0, true"})
  void starSubscriberBoundary(long received, double openRatio, boolean fires) {
    assertEquals(fires ? List.of("star-subscriber") : List.of(),
        fired(b -> b.set("received", received).set("open_ratio", openRatio)));
  }

  @ParameterizedTest(name = "received={0} trend={1} streak={2} -> {3}")
  @CsvSource({
      "6, 0.3,  3, true",
      "6, 0.29, 3, false",
      "6, 0.3,  2, false",
      "5, 0.5,  5, false"})
  void risingEngagementBoundary(long received, double trend, long streak, boolean fires) {
    assertEquals(fires ? List.of("rising-engagement") : List.of(),
        fired(b -> b.set("received", received).set("trend", trend).set("streak", streak)));
  }

  @ParameterizedTest(name = "dormant_before={0} streak={1} days={2} -> {3}")
  @CsvSource({
      "true,  1, 14, true",
      "true,  1, 0,  true",
      "true,  1, 15, false",
      "true,  1, -1, false",
      "true,  0, 2,  false",
      "false, 1, 2,  false"})
  void reactivatedBoundary(boolean dormantBefore, long streak, long days, boolean fires) {
    assertEquals(fires ? List.of("reactivated") : List.of(), fired(b -> b.set("dormant_before", dormantBefore)
        .set("streak", streak).set("days_since_human_activity", days)));
  }

  /** The rule reads the one definition of high intent (the engine's high_intent_clicks), not a regex of its own. */
  @ParameterizedTest(name = "high_intent_clicks={0} days={1} -> {2}")
  @CsvSource({"1, 14, true", "3, 0, true", "0, 2, false", "1, 15, false", "1, -1, false"})
  void highIntentWasDefinedTwice(long clicks, long days, boolean fires) {
    assertEquals(fires ? List.of("high-intent-click") : List.of(),
        fired(b -> b.set("high_intent_clicks", clicks).set("high_intent_pages", clicks > 0 ? List.of("precios") : List.of())
            .set("days_since_human_activity", days)));
  }

  @ParameterizedTest(name = "newly_engaged_14d={0} -> {1}")
  @CsvSource({"3, true", "2, false", "40, true"})
  void accountSurgeBoundary(long newly, boolean fires) {
    assertEquals(fires ? List.of("account-surge") : List.of(),
        fired(quietAccount().set("engaged_14d", 40).set("newly_engaged_14d", newly).build()));
  }

  @ParameterizedTest(name = "was_star={0} recent_misses={1} -> {2}")
  @CsvSource({"true, 4, true", "true, 3, false", "false, 8, false"})
  void goingColdBoundary(boolean wasStar, long misses, boolean fires) {
    assertEquals(fires ? List.of("going-cold") : List.of(),
        fired(b -> b.set("was_star", wasStar).set("recent_misses", misses)));
  }

  @Test
  void reasonsQuoteTheFigures() {
    Features f = quietSubscriber()
        .set("received", 12).set("open_ratio", 11.0 / 12).set("last_n", 12).set("last_n_opened", 11)
        .set("trend", 1.0 / 3).set("streak", 4)
        .set("clicked_urls", List.of("https://acme.example/blog/post", "https://acme.example/pricing",
            "https://acme.example/Demo"))
        .set("high_intent_clicks", 2).set("high_intent_pages", List.of("pricing", "demo"))
        .build();
    List<Match> matches = BOOK.evaluate(f);
    assertEquals(List.of(
            "star-subscriber: opened 11 of the last 12 newsletters",
            "high-intent-click: clicked high-intent pages: pricing, demo",
            "rising-engagement: open rate up 33.33 points; opened the last 4 newsletters in a row"),
        matches.stream().map(m -> m.rule().id() + ": " + m.reason()).toList(),
        "highest priority first, file order within a priority");

    assertEquals("back after a quiet spell: active 2 days ago, opened the latest newsletter",
        BOOK.evaluate(quietSubscriber().set("dormant_before", true).set("days_since_human_activity", 2).build())
            .get(0).reason());
    assertEquals("back after a quiet spell: active yesterday, opened the last 3 newsletters",
        BOOK.evaluate(quietSubscriber().set("dormant_before", true).set("days_since_human_activity", 1).set("streak", 3).build())
            .get(0).reason());
    assertEquals("back after a quiet spell: active today, opened the latest newsletter",
        BOOK.evaluate(quietSubscriber().set("dormant_before", true).set("days_since_human_activity", 0).build())
            .get(0).reason());
    assertEquals("a former star subscriber who has not opened the last 5 newsletters",
        BOOK.evaluate(quietSubscriber().set("was_star", true).set("recent_misses", 5).build()).get(0).reason());
    assertEquals("3 people from Acme started engaging in the last 14 days (5 engaged in all)",
        BOOK.evaluate(quietAccount().set("engaged_14d", 5).set("newly_engaged_14d", 3).build()).get(0).reason());
  }

  @Test
  void explainNamesTheFalseConditionsWithTheirValues() {
    Features f = quietSubscriber().set("open_ratio", 0.89).set("received", 9)
        .set("was_star", true).set("recent_misses", 4).set("last_n", 9).set("last_n_opened", 8).build();
    List<String> lines = BOOK.explain(f).stream().map(Explanation::describe).toList();
    assertEquals(List.of("""
            star-subscriber (priority 1, Star subscriber): not fired
              open_ratio >= 0.9 was false (open_ratio = 0.89)""",
        """
            rising-engagement (priority 2, Rising engagement): not fired
              trend >= 0.3 was false (trend = 0.0)
              streak >= 3 was false (streak = 1)""",
        """
            reactivated (priority 2, Reactivated after dormancy): not fired
              dormant_before was false (dormant_before = false)""",
        """
            high-intent-click (priority 1, High-intent click): not fired
              high_intent_clicks >= 1 was false (high_intent_clicks = 0)""",
        "going-cold (priority 3, Going cold (for account managers)): fired: "
            + "a former star subscriber who has not opened the last 4 newsletters"), lines);
  }

  @Test
  void explainReportsAMissingFeatureInsteadOfThrowing() {
    Features f = quietSubscriber().unset("open_ratio").build();
    Explanation star = BOOK.explain(f).get(0);
    assertEquals(false, star.fired());
    assertEquals("""
        star-subscriber (priority 1, Star subscriber): not fired
          open_ratio >= 0.9 could not be evaluated: feature 'open_ratio' has no value for this subscriber""",
        star.describe());
  }

  @Test
  void evaluateRefusesAMissingFeatureEvenWhenAnotherConditionIsFalse() {
    // received 3 makes "received >= 5" false; CEL alone would then ignore the missing open_ratio.
    Features f = quietSubscriber().set("received", 3).unset("open_ratio").build();
    RuleEvaluationException e = assertThrows(RuleEvaluationException.class, () -> BOOK.evaluate(f));
    assertEquals("default-rules.yaml:" + (BOOK.rules().get(0).line() + 3)
        + ": rule 'star-subscriber': when: feature 'open_ratio' has no value for this subscriber", e.getMessage());
  }

  @Test
  void defaultRulesTextIsTheCommentedResource() {
    String text = RuleBook.defaultRulesText();
    assertEquals("# Starling lead rules: the sales/marketing agreement (SLA) on what a qualified lead is.",
        text.lines().findFirst().orElseThrow());
  }
}
