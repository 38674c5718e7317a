/**
 * The result model and its writers. A query (in the store layer) produces a
 * {@link dev.starling.engine.report.Table}: typed {@link dev.starling.engine.report.Column}s and rows.
 * A writer renders it: the terminal, CSV, JSON here; the xlsx workbook, the digest mail and later the
 * web page elsewhere, all from the same table, so figures never differ between outputs. Every writer
 * neutralises hostile text from imported data (formula injection in CSV and xlsx, control characters
 * and escape sequences on the terminal).
 */
package dev.starling.engine.report;
