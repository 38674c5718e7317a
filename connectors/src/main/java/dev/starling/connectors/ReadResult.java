package dev.starling.connectors;

/** One row's outcome: a {@link Fact}, or a {@link Rejection} saying where and why it was refused. */
public sealed interface ReadResult permits Fact, Rejection {}
