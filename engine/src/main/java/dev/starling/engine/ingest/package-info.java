/**
 * Imports, with no SQL: {@link dev.starling.engine.ingest.Importer} runs one file in one store
 * transaction (all of the file lands, or none of it, and the file counts as imported only then). Its
 * helpers, one job each: {@code ImportSource} (the file: gzip, format detection, SHA-256, bytes read),
 * {@code ReadAhead} (the reader on its own thread), {@code MessageMerger} (consecutive rows of one
 * message into one write), {@code ImportWriter} (facts to the store's repositories, the counts).
 * {@link dev.starling.engine.ingest.ImportSummary} is what it reports;
 * {@link dev.starling.engine.ingest.ImportListener} hears its progress, and that it waits for another import.
 */
package dev.starling.engine.ingest;
