/**
 * Outcomes coming in from sales in bulk: a CRM export ({@link dev.starling.engine.outcomes.OutcomeImport},
 * CSV or .xlsx with English or Spanish headers) and replies to the digest read from a mailbox
 * ({@link dev.starling.engine.outcomes.DigestReplies}, one line per lead such as {@code #123 won}). Both
 * turn what they read into {@link dev.starling.engine.outcomes.Outcome}s and record them through one
 * ledger with the same rules: a lead named by id or by its person's email, a step the lead's status
 * allows, a status the lead already had skipped as already recorded, and every refused row kept as a
 * rejection ({@code file:line: reason}) of the import, visible with {@code starling rejects}.
 */
package dev.starling.engine.outcomes;
