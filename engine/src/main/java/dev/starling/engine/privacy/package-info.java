/**
 * The person's rights over their data: erasure ({@link dev.starling.engine.privacy.Erasure}, {@code
 * starling forget}) and access ({@link dev.starling.engine.privacy.AccessRequest}, {@code starling
 * export-person}).
 *
 * <p>An erasure runs in one writing transaction with secure deletion on: every row about the person
 * goes ({@link dev.starling.engine.store.Forgetting} lists them), their slot in the saved replay states
 * is emptied and their account's features are recounted without them, and only a salted hash of the
 * address stays, so a later import of old logs skips them ("skipped, not imported: N forgotten"). The
 * write-ahead log is then emptied and every byte of {@code starling.db}, {@code -wal} and {@code -shm}
 * searched for the address; a stale copy (freed before secure deletion was on) makes it rebuild the
 * file (VACUUM) and search again. The search index and the caches hear of it through the facade's
 * forget listeners.
 *
 * <pre>{@code
 * try (Starling s = Starling.open(dataDir, clock)) {
 *   Erasure.Result r = s.forget(List.of("ana@acme.test"), "dpo@ours.test");
 *   String json = s.exportPerson("ben@acme.test");
 * }
 * }</pre>
 */
package dev.starling.engine.privacy;
