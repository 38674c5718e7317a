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
 * and the star query) and {@link dev.starling.engine.store.LeadBook} (leads and their history),
 * {@link dev.starling.engine.store.LeadOutcomes} (rejection reasons, and the history read back for the SLA).
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
 * {@code StoreTx}. No {@code Connection} leaves this package: the raw-connection units of work
 * ({@code Store.withConnection}/{@code readWithConnection}) are package-private, for a repository's
 * own transaction and for the tests' {@code StoreProbe}.
 *
 * <p><b>Reports.</b> {@link dev.starling.engine.store.CampaignStats} streams each campaign's messages
 * and events to the campaign figures (which classify them with the replay's classifiers), and
 * {@link dev.starling.engine.store.Listings} gives the long lists reports show (stars, leads with their
 * owner, engaged accounts) as report tables whose rows stream from a reading transaction, so a
 * million-row sheet is never in memory. Both take the {@code Store} and read through
 * {@link dev.starling.engine.store.Store#read}.
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
 * an insert that skips a stored key, the greatest of several values, the ratio of two integers as a
 * double, the schema version and the migration list. Write side and read side alike get it from the
 * {@code Store} they run in. A PostgreSQL store will be one {@code PostgresDialect} (JDBC URL,
 * {@code ON CONFLICT DO NOTHING}, {@code GREATEST}, {@code DOUBLE PRECISION},
 * {@code SQLSTATE 55P03}/{@code 40001}
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
