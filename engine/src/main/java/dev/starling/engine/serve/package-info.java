/**
 * {@code starling serve}: the weekly cycle on a schedule. {@link dev.starling.engine.serve.ServeLoop} waits for
 * the configured day and time ({@link dev.starling.engine.config.Schedule}) and runs
 * {@link dev.starling.engine.serve.WeeklyCycle} (import the configured mailboxes, refresh the features, suggest the
 * week's leads, send the digest), logs each run, carries on after a failed one, and stops cleanly when asked
 * (SIGTERM). The clock and the waiting are injected, so a test runs a week in milliseconds.
 */
package dev.starling.engine.serve;
