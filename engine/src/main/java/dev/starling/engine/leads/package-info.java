/**
 * Lead suggestions: {@link dev.starling.engine.leads.LeadFinder} evaluates the rules file (the
 * sales/marketing agreement, {@link dev.starling.rules.RuleBook}) over every subscriber's and account's
 * stored features and keeps the suggestions of the week in the store, with suppression (never an
 * unsubscribed, complained or hard-bounced person), no resurfacing without new activity, and cooldowns.
 * {@link dev.starling.engine.leads.FeatureBinding} turns stored features into the rules' values;
 * {@link dev.starling.engine.leads.RuleSource} finds the rules file a data directory uses.
 */
package dev.starling.engine.leads;
