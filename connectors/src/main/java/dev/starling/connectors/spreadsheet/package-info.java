/**
 * Subscriber lists from spreadsheets: {@link dev.starling.connectors.spreadsheet.SpreadsheetReader}
 * reads an .xlsx workbook (streamed with POI's event API) or a CSV file as Excel writes it (UTF-8 with
 * or without BOM, or Windows-1252; comma, semicolon or tab), finds the header row below any title rows,
 * and maps its columns by English and Spanish synonyms ({@link dev.starling.connectors.spreadsheet.SubscriberColumns},
 * synonyms in {@code header-synonyms.properties}). {@link dev.starling.connectors.spreadsheet.CsvTable}
 * and {@link dev.starling.connectors.spreadsheet.TableRow} are also the CSV layer of the ESP export
 * readers in sibling packages.
 */
package dev.starling.connectors.spreadsheet;
