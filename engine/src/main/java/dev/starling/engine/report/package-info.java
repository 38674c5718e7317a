/**
 * The result model and its writers. A query (in the store layer) or a builder beside the facade
 * ({@code app.StarTable}, {@code app.LeadTable}) produces a {@link dev.starling.engine.report.Table}:
 * typed {@link dev.starling.engine.report.Column}s and rows. A {@link dev.starling.engine.report.TableWriter}
 * renders it: {@link dev.starling.engine.report.TerminalTableWriter} for people (translated
 * {@link dev.starling.engine.report.Labels}, numbers in the reader's language, fitted to a
 * {@link dev.starling.engine.report.Presentation}'s width), {@link dev.starling.engine.report.CsvTableWriter}
 * (RFC 4180, or Spanish Excel) and {@link dev.starling.engine.report.JsonTableWriter} for programs;
 * {@link dev.starling.engine.report.OutputFormat} picks one by name. The xlsx workbook, the digest mail
 * and later the web page are further writers of the same table, so figures never differ between
 * outputs. A new writer:
 *
 * <pre>{@code
 * table.columns();                       // keys and types, in order
 * table.forEachRow(row -> ...);          // row[i] is of the Java type columns().get(i).type() names, or null
 * CellText.forSpreadsheet(text);         // every TEXT/EMAIL cell of a file others open
 * CellText.forTerminal(text);            // every TEXT/EMAIL cell a terminal shows
 * Labels.of(locale).column(key);         // a header people read
 * }</pre>
 *
 * <p>Every writer neutralises hostile text from imported data through {@link dev.starling.engine.report.CellText},
 * the one place that knows how. {@link dev.starling.engine.report.Count} words the numbers in messages
 * ("1 row", "2 rows").
 */
package dev.starling.engine.report;
