package dev.starling.connectors;

/** A typed record read from an outside source: what a reader yields for a good row. */
public sealed interface Fact extends ReadResult permits Subscriber, Campaign, Event {}
