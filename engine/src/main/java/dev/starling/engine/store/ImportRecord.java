package dev.starling.engine.store;

/** One past import as the import log holds it: what was read, from where, and its figures. */
public record ImportRecord(long id, String source, String format, String kind, long startedAt, ImportFigures figures,
    DataQuality quality) {}
