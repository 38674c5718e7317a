/**
 * Starling's own CSV format, the canonical import: {@link dev.starling.connectors.csv.StarlingCsvReader}
 * reads a subscribers, campaigns or events file (told apart by the header row), RFC 4180 quoting,
 * UTF-8 with or without a BOM, and {@link dev.starling.connectors.csv.CanonicalColumns} names the
 * columns each kind takes. The same columns are written by the fixtures generator.
 */
package dev.starling.connectors.csv;
