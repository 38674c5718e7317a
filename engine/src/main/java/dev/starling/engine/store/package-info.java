/**
 * The system of record: one SQLite file, {@code starling.db}, in the data directory.
 * {@link dev.starling.engine.store.Store} opens it (WAL mode), runs the numbered migrations in
 * {@code migrations/NNN-*.sql} on open, and hands out the connection for one unit of work at a time.
 *
 * <p>Layout, designed for sends being most rows: one compact {@code messages} row per (campaign,
 * subscriber) holds the send, delivery and bounce of that message (upserted, so re-imports change
 * nothing); opens, clicks, complaints and unsubscribes are {@code events} rows keyed by (campaign,
 * subscriber, dedupe key). Both are WITHOUT ROWID tables clustered campaign-first, so a weekly import
 * appends and the feature replay reads campaign by campaign in key order.
 */
package dev.starling.engine.store;
