/**
 * Finding the week's lead suggestions, the job that runs the rules against the store.
 * {@link dev.starling.engine.leads.finder.LeadFinder} evaluates the rules file (the sales/marketing
 * agreement, {@link dev.starling.rules.RuleBook}) over every subscriber's and account's stored features
 * (the store's {@code FeatureTables}) and keeps the suggestions of the week in the store's
 * {@code LeadBook}, with suppression (never an unsubscribed, complained or hard-bounced person), no
 * resurfacing without new activity, and cooldowns; a rule that fails on one subject is skipped for it
 * and reported ({@link dev.starling.engine.leads.finder.LeadFinder.RuleFailure}). It is apart from
 * {@code leads} so that the store can use those values without a package cycle.
 */
package dev.starling.engine.leads.finder;
