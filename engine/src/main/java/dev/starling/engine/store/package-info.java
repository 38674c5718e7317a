/**
 * The system of record, and the only package with SQL: one SQLite file, {@code starling.db}, in the
 * data directory. {@link dev.starling.engine.store.Store} opens it (WAL mode) and runs the numbered
 * migrations ({@code NNN-*.sql}) on open. Repositories, one per concern, speak in domain types. The
 * write side, reached through a {@link dev.starling.engine.store.StoreTx}:
 * {@link dev.starling.engine.store.Subscribers}, {@link dev.starling.engine.store.Campaigns},
 * {@link dev.starling.engine.store.EventLog} and {@link dev.starling.engine.store.ImportLog}. The read side:
 * {@link dev.starling.engine.store.EventHistory} (the replay's per-campaign scans, streamed into
 * callbacks; explain's per-person events), {@link dev.starling.engine.store.ReplayStates} (what the
 * incremental refresh keeps), {@link dev.starling.engine.store.FeatureTables} (the computed features
 * and the star query) and {@link dev.starling.engine.store.LeadBook} (leads and their history).
 *
 * <p>Their SQL is portable (standard joins, {@code ON CONFLICT}, {@code CASE}, parameters for every
 * value and enum code); what only SQLite spells its way sits in one dialect class, so a PostgreSQL
 * store later means one new dialect class (and a connection factory), not edits across the engine.
 *
 * <p><b>How to use it.</b> {@link dev.starling.engine.store.Store#create} (init, import, demo) or
 * {@link dev.starling.engine.store.Store#open} (everything else: never creates a store; opens a
 * store that is not writable read-only) runs the numbered migrations ({@code NNN-*.sql} beside this
 * package; the number is the schema version) and owns the connection. Work runs in a transaction and
 * receives a {@link dev.starling.engine.store.StoreTx}, never a {@code Connection}:
 * <pre>{@code
 * long n = store.read(tx -> tx.importLog().all().size());              // no lock, never waits
 * store.inTransaction(onWait, tx -> tx.eventLog().event(camp, sub, e, importId)); // writes; waits its turn
 * }</pre>
 * {@code StoreTx} hands out one instance of each repository per transaction: {@code Subscribers},
 * {@code Campaigns} (dense ids, upserts), {@code EventLog} (messages, events, agents; write side),
 * {@code ImportLog} (imports, rejections, data quality, dirty campaigns, the latest data time),
 * {@code BounceLog} (every bounce with its class and the server's codes and words, with or without a
 * campaign; the suppression it implies, under a {@code SoftBounceLimit}). A
 * repository is a concrete class here, public only for what is used outside; add a read-side one
 * (feature tables, replay states, the lead book, event history) the same way: a package-private
 * constructor taking the connection and the {@link dev.starling.engine.store.Dialect}, an accessor on
 * {@code StoreTx}. {@code Store.withConnection}/{@code readWithConnection} are transitional, for the
 * read-side classes that still hold their own SQL, and go when those move here.
 *
 * <p><b>Locking.</b> SQLite in WAL mode: readers never wait. A writing transaction takes the write
 * lock as it begins ({@code BEGIN IMMEDIATE}), so it never fails half-way with "database is
 * locked"; while another process writes it waits without a limit and its {@code onWait} hears that
 * once (the CLI prints one line). {@link dev.starling.engine.store.Store#writableNow()} lets a lazy
 * feature refresh skip rather than wait.
 *
 * <p><b>Dialects.</b> Repositories write portable SQL (ANSI {@code ON CONFLICT} upserts,
 * {@code IS DISTINCT FROM}, plain {@code ?} parameters, enum codes bound as parameters) and ask the
 * {@code Dialect} for the rest: opening and tuning a connection, the write lock, recognising "busy",
 * two-argument {@code greatest}, the schema version and the migration list. A PostgreSQL store will
 * be one {@code PostgresDialect} (JDBC URL, {@code GREATEST}, {@code SQLSTATE 55P03}/{@code 40001}
 * as busy, {@code LOCK TABLE imports IN EXCLUSIVE MODE} or an advisory lock as the write lock, a
 * {@code schema_version} table) plus its own migration files (no {@code WITHOUT ROWID}, {@code BIGINT}
 * ids): no repository changes.
 *
 * <p><b>Layout</b>, designed for sends being most rows: one compact {@code messages} row per
 * (campaign, subscriber) holds the send, delivery and bounce of that message (upserted, so re-imports
 * change nothing); opens, clicks, complaints and unsubscribes are {@code events} rows keyed by
 * (campaign, subscriber, dedupe key). Both are clustered campaign-first, so a weekly import appends
 * and the feature replay reads campaign by campaign in key order. {@code bounces} rows are keyed by
 * (subscriber, dedupe key), since a bounce is a fact about a person that may have no campaign; a
 * suppressed person's {@code subscribers.status} becomes {@code cleaned}, which the features read as
 * hard-bounced.
 */
package dev.starling.engine.store;
