package dev.starling.engine.store;

/**
 * What looks wrong in an import's data although every row was readable (see docs/formats.md).
 *
 * @param noSendEngagements opens and clicks of the import for a message the store has no send,
 *     delivery or bounce of
 * @param clicksBeforeDelivery clicks of the import timed before their message's delivery
 * @param eventsBeforeSignup events of the import timed before the person joined the list
 * @param untrackedSends sends in the campaigns the import touched that have no open or click at all
 */
public record DataQuality(long noSendEngagements, long clicksBeforeDelivery, long eventsBeforeSignup, long untrackedSends) {
  public static final DataQuality NONE = new DataQuality(0, 0, 0, 0);
}
