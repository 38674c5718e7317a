/**
 * The managers' Excel workbook: {@link dev.starling.engine.export.WorkbookExporter} writes report tables
 * as typed, filtered, frozen-header sheets in the chosen language, streams the long lists (SXSSF), and
 * puts native charts of the campaign and period figures on the Summary sheet.
 */
package dev.starling.engine.export;
