/**
 * Leads and their life: the values and the pure logic, with no SQL and no use of the store. A
 * {@link dev.starling.engine.leads.Lead} moves through {@link dev.starling.engine.leads.LeadStatus}
 * (its allowed steps are data there); each step is a {@link dev.starling.engine.leads.LeadEvent}, kept
 * by the store's {@code LeadBook}. {@link dev.starling.engine.leads.FeatureBinding} turns stored
 * features into the rules' values; {@link dev.starling.engine.leads.RuleSource} finds the rules file a
 * data directory uses. {@link dev.starling.engine.leads.SlaFigures} measures the agreement: the SLA
 * figures per period and rule and each rule's grade, all from the leads' histories condensed into
 * {@link dev.starling.engine.leads.LeadTimeline}s (built by the store's {@code LeadOutcomes.timelines});
 * {@link dev.starling.engine.leads.LeadSettings} holds the rejection reasons and the agreed response
 * time. The job that finds the week's suggestions against the store is in {@code leads.finder}; the
 * store depends on this package, never the reverse.
 */
package dev.starling.engine.leads;
