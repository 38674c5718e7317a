/**
 * The Starling application. {@link dev.starling.engine.error.StarlingException} is the root of every error a
 * user can cause; its subclasses say what failed. Sub-packages: {@code store} (SQLite, the system of
 * record), {@code ingest} (imports), {@code features} (engagement per subscriber, machine-open
 * classification, stars), {@code config} (the configuration file), {@code cli} (the commands),
 * {@code bench} (the benchmark).
 */
package dev.starling.engine;
