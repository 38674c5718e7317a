package dev.starling.engine.ingest;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Rejection;
import java.util.List;
import java.util.Map;

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
 * @param intake what the import did beyond rows: skipped items, grouped events, bounces, suppressions
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
    double seconds,
    Intake intake) {

  public ImportSummary {
    firstRejections = List.copyOf(firstRejections);
    intake = intake == null ? Intake.NONE : intake;
  }

  /** A summary without bounce-mail figures (an import that had none, or was skipped whole). */
  public ImportSummary(String source, String format, String kind, long importId, long alreadyImportedAs, long rowsRead,
      long imported, long duplicates, long rejected, long newSubscribers, long unknownCampaigns, Quality quality,
      List<Rejection> firstRejections, double seconds) {
    this(source, format, kind, importId, alreadyImportedAs, rowsRead, imported, duplicates, rejected, newSubscribers,
        unknownCampaigns, quality, firstRejections, seconds, Intake.NONE);
  }

  /**
   * What an import did beyond reading rows (docs/formats.md, "Bounce mail" and after).
   *
   * @param skippedByReason items recognised and not imported (auto-replies, delay warnings), by kind
   * @param groupedUntagged opens, clicks, sends and deliveries without a campaign tag, put in a derived campaign
   * @param bouncesByClass bounces read, by class
   * @param bouncesWithoutCampaign bounces no campaign was found for (stored all the same)
   * @param suppressed people this import suppressed (a hard bounce, or soft bounces over the limit)
   * @param blocksByDomain block bounces per receiving domain, most first: the sender's problem, never suppressed
   */
  public record Intake(Map<String, Long> skippedByReason, long groupedUntagged, Map<BounceKind, Long> bouncesByClass,
      long bouncesWithoutCampaign, long suppressed, Map<String, Long> blocksByDomain) {
    public static final Intake NONE = new Intake(Map.of(), 0, Map.of(), 0, 0, Map.of());

    public Intake {
      skippedByReason = Map.copyOf(skippedByReason);
      bouncesByClass = Map.copyOf(bouncesByClass);
      blocksByDomain = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(blocksByDomain));
    }

    public long skipped() {
      return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long bounces() {
      return bouncesByClass.values().stream().mapToLong(Long::longValue).sum();
    }
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
