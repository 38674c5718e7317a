package dev.starling.engine.leads;

import dev.starling.engine.features.AccountFeatures;
import dev.starling.engine.features.SubscriberFeatures;
import dev.starling.rules.FeatureSchema;
import dev.starling.rules.Features;
import dev.starling.rules.Subject;

/** Hands the engine's features to the rules under the standard feature names (one place maps them). */
public final class FeatureBinding {
  private final Features.Builder subscriber;
  private final Features.Builder account;

  public FeatureBinding(FeatureSchema schema) {
    this.subscriber = schema.newFeatures(Subject.SUBSCRIBER);
    this.account = schema.newFeatures(Subject.ACCOUNT);
  }

  public Features subscriber(SubscriberFeatures f) {
    return subscriber
        .set("email", f.email())
        .set("domain", f.domain())
        .set("company", f.company() == null ? "" : f.company())
        .set("received", f.received())
        .set("campaigns_opened", f.campaignsOpened())
        .set("open_ratio", f.openRatio())
        .set("last_n", f.lastN())
        .set("last_n_opened", f.lastNOpened())
        .set("human_opens", f.humanOpens())
        .set("machine_opens", f.machineOpens())
        .set("human_clicks", f.humanClicks())
        .set("clicked_urls", f.clickedUrls())
        .set("high_intent_clicks", f.highIntentClicks())
        .set("high_intent_pages", f.highIntentPages())
        .set("streak", f.streak())
        .set("recent_misses", f.recentMisses())
        .set("days_since_human_activity", f.daysSinceHumanActivity())
        .set("score", f.score())
        .set("trend", f.trend())
        .set("star_tier", f.starTier())
        .set("was_star", f.wasStar())
        .set("dormant_before", f.dormantBefore())
        .set("confidence", f.confidence().code())
        .set("status", f.status().code())
        .set("state", f.state().code())
        .build();
  }

  public Features account(AccountFeatures a) {
    return account
        .set("account", a.account())
        .set("people", a.people())
        .set("engaged_people", a.engagedPeople())
        .set("engaged_14d", a.engaged14d())
        .set("newly_engaged_14d", a.newlyEngaged14d())
        .set("score_sum", a.scoreSum())
        .build();
  }
}
