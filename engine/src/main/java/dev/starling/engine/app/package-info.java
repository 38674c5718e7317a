/**
 * The facade: {@link dev.starling.engine.app.Starling} opens one data directory (its store and its
 * configuration) and offers the jobs (import, refresh, stars, leads, reports). Nothing below it
 * knows the CLI; the CLI and the tests go through it. Beside it, one table builder per result kind
 * ({@link dev.starling.engine.app.StarTable}, {@link dev.starling.engine.app.LeadTable},
 * {@link dev.starling.engine.app.ImportTable}, {@link dev.starling.engine.app.ExplainTables},
 * {@link dev.starling.engine.app.RuleTable}, {@link dev.starling.engine.app.FormatTable}) turns domain
 * results into the report layer's {@code Table}, so the terminal, CSV, JSON, the workbook and the
 * digest all show the same columns.
 */
package dev.starling.engine.app;
