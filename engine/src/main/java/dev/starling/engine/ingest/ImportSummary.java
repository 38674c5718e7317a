package dev.starling.engine.ingest;

import dev.starling.connectors.Rejection;
import java.util.List;

/**
 * What one import did.
 *
 * @param importId the import's number in the store, or 0 when nothing was recorded (already imported)
 * @param alreadyImportedAs the earlier import of the same bytes, or 0
 * @param rowsRead every row read, good or bad
 * @param imported rows that added or changed something
 * @param duplicates good rows that changed nothing (already in the store)
 * @param rejected rows refused, kept in the store with their reasons
 * @param newSubscribers people added (by a list, or first seen in an event log)
 * @param unknownCampaigns campaigns first named by an event and created as placeholders
 * @param quality the import's data-quality figures
 * @param firstRejections the first few rejections, for the user's screen
 * @param seconds wall time of the import including the feature refresh
 */
public record ImportSummary(
    String source,
    String format,
    String kind,
    long importId,
    long alreadyImportedAs,
    long rowsRead,
    long imported,
    long duplicates,
    long rejected,
    long newSubscribers,
    long unknownCampaigns,
    Quality quality,
    List<Rejection> firstRejections,
    double seconds) {

  public ImportSummary {
    firstRejections = List.copyOf(firstRejections);
  }

  /**
   * What looks wrong in the data although every row was readable.
   *
   * @param noSendEngagements opens and clicks of this import for a message the store has no send,
   *     delivery or bounce of
   * @param clicksBeforeDelivery clicks of this import timed before their message's delivery
   * @param eventsBeforeSignup events of this import timed before the person joined the list
   * @param untrackedSends sends in the campaigns this import touched that have no open or click at
   *     all (tracking off, or the engagement log not imported yet)
   */
  public record Quality(long noSendEngagements, long clicksBeforeDelivery, long eventsBeforeSignup, long untrackedSends) {
    public static final Quality NONE = new Quality(0, 0, 0, 0);
  }

  public boolean skipped() {
    return alreadyImportedAs > 0;
  }
}
