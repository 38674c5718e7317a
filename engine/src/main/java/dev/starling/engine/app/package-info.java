/**
 * The facade: {@link dev.starling.engine.app.Starling} opens one data directory (its store and its
 * configuration) and offers the jobs (import, refresh, stars, leads, reports). Nothing below it
 * knows the CLI; the CLI and the tests go through it.
 */
package dev.starling.engine.app;
