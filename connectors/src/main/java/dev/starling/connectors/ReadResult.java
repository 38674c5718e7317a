package dev.starling.connectors;

/**
 * One row's outcome: a {@link Fact}; a {@link Rejection} saying where and why it was refused; or a
 * {@link Skipped} item, recognised and deliberately not imported.
 */
public sealed interface ReadResult permits Fact, Rejection, Skipped {}
