/**
 * Reading the outside world: each supported format is a {@link dev.starling.connectors.Format} whose
 * {@link dev.starling.connectors.FactReader} turns a byte stream into a stream of
 * {@link dev.starling.connectors.ReadResult}s — a typed {@link dev.starling.connectors.Fact}
 * ({@link dev.starling.connectors.Subscriber}, {@link dev.starling.connectors.Campaign},
 * {@link dev.starling.connectors.Event}) or a {@link dev.starling.connectors.Rejection} that names the
 * source, the line or record, and the reason. A bad row is a value, never an abort: the good rows of the
 * same file still come through.
 *
 * <p>Emails are normalised (trimmed, lower-cased) and validated once, in the records' constructors;
 * times are UTC epoch milliseconds, parsed by {@link dev.starling.connectors.Times}. This module has no
 * database and no engine types.
 */
package dev.starling.connectors;
