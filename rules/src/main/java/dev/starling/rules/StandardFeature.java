package dev.starling.rules;

import static dev.starling.rules.FeatureType.BOOL;
import static dev.starling.rules.FeatureType.DOUBLE;
import static dev.starling.rules.FeatureType.INT;
import static dev.starling.rules.FeatureType.STRING;
import static dev.starling.rules.FeatureType.STRING_LIST;
import static dev.starling.rules.Subject.ACCOUNT;
import static dev.starling.rules.Subject.SUBSCRIBER;

/**
 * The features the engine computes: the one list that the engine, the default rule pack, {@code
 * starling explain} and the docs share. Add a feature here first, then teach the engine to compute
 * it; {@link FeatureSchema#standard()} is built from this list.
 */
public enum StandardFeature {
  // subscriber
  EMAIL(SUBSCRIBER, "email", STRING, "the address, trimmed and lower-cased"),
  DOMAIN(SUBSCRIBER, "domain", STRING, "the part of the address after '@'"),
  COMPANY(SUBSCRIBER, "company", STRING, "company from the list export, \"\" when unknown"),
  RECEIVED(SUBSCRIBER, "received", INT, "campaigns received (sent and not bounced)"),
  CAMPAIGNS_OPENED(SUBSCRIBER, "campaigns_opened", INT,
      "distinct received campaigns with at least one human open"),
  OPEN_RATIO(SUBSCRIBER, "open_ratio", DOUBLE, "campaigns_opened / received, 0 when none received"),
  LAST_N(SUBSCRIBER, "last_n", INT, "size of the recent window: min(received, 12)"),
  LAST_N_OPENED(SUBSCRIBER, "last_n_opened", INT,
      "how many of the last last_n received campaigns were human-opened"),
  HUMAN_OPENS(SUBSCRIBER, "human_opens", INT, "opens made by a person (all campaigns)"),
  MACHINE_OPENS(SUBSCRIBER, "machine_opens", INT,
      "opens made by privacy proxies and scanners (all campaigns)"),
  HUMAN_CLICKS(SUBSCRIBER, "human_clicks", INT, "clicks made by a person (all campaigns)"),
  CLICKED_URLS(SUBSCRIBER, "clicked_urls", STRING_LIST, "distinct URLs a person clicked"),
  HIGH_INTENT_CLICKS(SUBSCRIBER, "high_intent_clicks", INT,
      "human clicks on high-intent pages (pricing, demo, contact, …)"),
  HIGH_INTENT_PAGES(SUBSCRIBER, "high_intent_pages", STRING_LIST,
      "the high-intent pages clicked, e.g. [\"pricing\", \"demo\"]"),
  STREAK(SUBSCRIBER, "streak", INT, "consecutive most recent received campaigns human-opened"),
  RECENT_MISSES(SUBSCRIBER, "recent_misses", INT,
      "consecutive most recent received campaigns NOT human-opened"),
  DAYS_SINCE_HUMAN_ACTIVITY(SUBSCRIBER, "days_since_human_activity", INT,
      "days since the last human open or click, -1 when never"),
  SCORE(SUBSCRIBER, "score", DOUBLE, "decayed engagement score"),
  TREND(SUBSCRIBER, "trend", DOUBLE,
      "recent-window open rate minus previous-window open rate, -1..1"),
  STAR_TIER(SUBSCRIBER, "star_tier", INT, "star tier 0..5 (5 = opens everything)"),
  WAS_STAR(SUBSCRIBER, "was_star", BOOL, "met the star definition at some campaign in the past"),
  DORMANT_BEFORE(SUBSCRIBER, "dormant_before", BOOL,
      "had a gap of 6+ received campaigns without a human open before the latest human activity"),
  CONFIDENCE(SUBSCRIBER, "confidence", STRING,
      "how much data the figures rest on: high, medium or low"),
  STATUS(SUBSCRIBER, "status", STRING, "active, unsubscribed, complained or hard_bounced"),
  STATE(SUBSCRIBER, "state", STRING, "unknown, new, dormant, engaged, active or unreachable"),
  // account
  ACCOUNT_NAME(ACCOUNT, "account", STRING, "the company name or business email domain"),
  PEOPLE(ACCOUNT, "people", INT, "subscribers who belong to the account"),
  ENGAGED_PEOPLE(ACCOUNT, "engaged_people", INT, "of those, people in state engaged or active"),
  ENGAGED_14D(ACCOUNT, "engaged_14d", INT, "people with human activity in the last 14 days"),
  NEWLY_ENGAGED_14D(ACCOUNT, "newly_engaged_14d", INT,
      "people whose first human activity was in the last 14 days"),
  SCORE_SUM(ACCOUNT, "score_sum", DOUBLE, "sum of the people's engagement scores");

  private final Feature feature;

  StandardFeature(Subject subject, String name, FeatureType type, String description) {
    this.feature = new Feature(subject, name, type, description);
  }

  public Feature feature() {
    return feature;
  }

  /** The name rules use ({@code open_ratio}). */
  public String key() {
    return feature.name();
  }
}
