/**
 * The system of record, and the only package with SQL: one SQLite file, {@code starling.db}, in the
 * data directory. {@link dev.starling.engine.store.Store} opens it (WAL mode) and runs the numbered
 * migrations ({@code NNN-*.sql}) on open. Repositories, one per concern, speak in domain types:
 * {@link dev.starling.engine.store.EventHistory} (the replay's per-campaign scans, streamed into
 * callbacks; explain's per-person events), {@link dev.starling.engine.store.ReplayStates} (what the
 * incremental refresh keeps), {@link dev.starling.engine.store.FeatureTables} (the computed features
 * and the star query) and {@link dev.starling.engine.store.LeadBook} (leads and their history).
 *
 * <p>Their SQL is portable (standard joins, {@code ON CONFLICT}, {@code CASE}, parameters for every
 * value and enum code); what only SQLite spells its way sits in one dialect class, so a PostgreSQL
 * store later means one new dialect class (and a connection factory), not edits across the engine.
 *
 * <p>Layout, designed for sends being most rows: one compact {@code messages} row per (campaign,
 * subscriber) holds the send, delivery and bounce of that message (upserted, so re-imports change
 * nothing); opens, clicks, complaints and unsubscribes are {@code events} rows keyed by (campaign,
 * subscriber, dedupe key). Both are WITHOUT ROWID tables clustered campaign-first, so a weekly import
 * appends and the feature replay reads campaign by campaign in key order.
 */
package dev.starling.engine.store;
