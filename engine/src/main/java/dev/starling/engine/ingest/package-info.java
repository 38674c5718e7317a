/**
 * Imports: {@link dev.starling.engine.ingest.Importer} reads one file with a connector, writes its facts
 * to the store in one transaction (all of the file lands, or none of it), keeps every rejected row with
 * its reason, and refreshes the features. {@link dev.starling.engine.ingest.ImportSummary} is what it
 * reports; {@link dev.starling.engine.ingest.ImportListener} hears its progress.
 */
package dev.starling.engine.ingest;
