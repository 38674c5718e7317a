/**
 * Lead suggestions and their life. {@link dev.starling.engine.leads.LeadFinder} evaluates the rules
 * file (the sales/marketing agreement, {@link dev.starling.rules.RuleBook}) over every subscriber's and
 * account's stored features and keeps the suggestions of the week, with suppression (never an
 * unsubscribed, complained or hard-bounced person), no resurfacing without new activity, and cooldowns;
 * a rule that fails on one subject is skipped for it and reported ({@link dev.starling.engine.leads.LeadFinder.RuleFailure}).
 * A {@link dev.starling.engine.leads.Lead} moves through {@link dev.starling.engine.leads.LeadStatus}
 * (its allowed steps are data there); each step is a {@link dev.starling.engine.leads.LeadEvent}, kept
 * by the store's {@code LeadBook}. {@link dev.starling.engine.leads.FeatureBinding} turns stored
 * features into the rules' values; {@link dev.starling.engine.leads.RuleSource} finds the rules file a
 * data directory uses. {@link dev.starling.engine.leads.SlaFigures} measures the agreement: the SLA
 * figures per period and rule and each rule's grade, all from the leads' histories condensed into
 * {@link dev.starling.engine.leads.LeadTimeline}s; {@link dev.starling.engine.leads.LeadSettings} holds the
 * rejection reasons and the agreed response time. No SQL here: reads and writes go through the store's repositories.
 */
package dev.starling.engine.leads;
