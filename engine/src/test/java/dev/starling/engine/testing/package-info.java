/**
 * Shared JUnit 5 fixtures for the engine's tests, on real resources. {@link
 * dev.starling.engine.testing.DataDirExtension} gives each test a fresh data directory with an open
 * {@link dev.starling.engine.app.Starling} (and its store) under a fixed clock, resolved as test method
 * parameters and closed after the test; {@link dev.starling.engine.testing.FixedClock} sets that
 * clock. {@link dev.starling.engine.testing.MailServerExtension} runs a GreenMail SMTP+IMAP server on
 * free ports with one user, fresh for every test.
 *
 * <pre>{@code
 * @ExtendWith(DataDirExtension.class)
 * @FixedClock("2026-11-23T00:00:00Z")
 * class LeadsTest {
 *   @Test
 *   void suggests(Starling starling, DataDir dir) { ... starling.importFile(dir.input("list.csv"), ...) }
 * }
 * }</pre>
 */
package dev.starling.engine.testing;
