package dev.starling.engine.store;

/**
 * The counts an import records about itself.
 *
 * @param kind what the file held (subscribers, campaigns, events)
 * @param finishedAt UTC epoch ms
 * @param newCampaigns campaigns first named by an event (created as placeholders)
 */
public record ImportFigures(String kind, long finishedAt, long rowsRead, long imported, long duplicates, long rejected,
    long newSubscribers, long newCampaigns) {}
