package dev.starling.engine.ingest;

import dev.starling.connectors.Campaign;
import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.Fact;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Skipped;
import dev.starling.connectors.Subscriber;
import dev.starling.engine.store.BounceLog;
import dev.starling.engine.store.Campaigns;
import dev.starling.engine.store.DataQuality;
import dev.starling.engine.store.EventLog;
import dev.starling.engine.store.ForgottenAddresses;
import dev.starling.engine.store.ImportFigures;
import dev.starling.engine.store.ImportLog;
import dev.starling.engine.store.SoftBounceLimit;
import dev.starling.engine.store.StoreTx;
import dev.starling.engine.store.Subscribers;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the rows of one import into one transaction, through the repositories: each fact to its
 * place, each rejection to the import log. Counts what the summary reports: rows read, rejected, the
 * first few rejections, list rows (a list import makes the next feature refresh a full one), the
 * campaigns touched and the newest time seen.
 *
 * <p>Bounces, complaints and unsubscribes are facts about a person and land even without a campaign
 * (docs/formats.md, "Bounces, complaints and unsubscribes"): a bounce is attached to a campaign when
 * one can be found ({@link BounceLog#campaignFor}), always kept in the bounce log, and the people it
 * touched are suppressed at the end when their bounces say so. Opens, clicks, sends and deliveries
 * without a campaign tag go to the campaign derived from their message reference
 * ({@link dev.starling.connectors.MessageRef#campaignKey}). Skipped items are counted by kind.
 */
final class ImportWriter {
  private static final int KEEP_REJECTIONS = 20;
  /** The skipped-items reason for rows of people erased on request (docs/privacy.md). */
  static final String FORGOTTEN = "forgotten";

  private final Subscribers subscribers;
  private final Campaigns campaigns;
  private final EventLog events;
  private final ImportLog log;
  private final MessageMerger messages;
  private final BounceLog bounces;
  private final ForgottenAddresses forgotten;
  private final SoftBounceLimit softLimit;
  private final long importId;
  private final BitSet bouncedPeople = new BitSet();
  private final Map<String, Long> skippedByReason = new TreeMap<>();
  private final EnumMap<BounceKind, Long> bouncesByClass = new EnumMap<>(BounceKind.class);
  private long grouped;
  private long unattached;
  /** Within one file, a message's derived campaign by provider and message id: its open lands with its delivery. */
  private final Map<String, String> derivedByMessage = new java.util.HashMap<>();
  private final BitSet touchedCampaigns = new BitSet();
  private final List<Rejection> firstRejections = new ArrayList<>();
  private long rowsRead;
  private long rejected;
  private long listRows;
  private long latest;

  ImportWriter(StoreTx tx, long importId, SoftBounceLimit softLimit) {
    this.subscribers = tx.subscribers();
    this.campaigns = tx.campaigns();
    this.events = tx.eventLog();
    this.log = tx.importLog();
    this.bounces = tx.bounceLog();
    this.forgotten = tx.forgotten();
    this.messages = new MessageMerger(events);
    this.importId = importId;
    this.softLimit = softLimit;
  }

  /**
   * Writes one row of the file, with what the reading thread worked out for an event row.
   *
   * @param knownId the person's id when {@link #people()} knew them (0: resolve it here)
   * @param dedupeKey the event's {@link Event#dedupeKey()} (unused for sends and deliveries)
   */
  void add(ReadResult r, int knownId, long dedupeKey) {
    rowsRead++;
    switch (r) {
      case Rejection rej -> reject(rej);
      case Skipped skip -> skippedByReason.merge(skip.reason(), 1L, Long::sum);
      case Fact f -> fact(f, knownId, dedupeKey);
    }
  }

  /** The people stored, as a lookup another thread may use while this writer adds people (see {@link Subscribers#lookup()}). */
  java.util.function.ToIntFunction<String> people() {
    return subscribers.lookup();
  }

  long rowsRead() {
    return rowsRead;
  }

  private void fact(Fact f, int knownId, long dedupeKey) {
    switch (f) {
      case Subscriber s -> {
        if (forgotten(s.email())) {
          return;
        }
        listRows++;
        subscribers.upsert(s);
      }
      case Campaign cp -> campaigns.upsert(cp);
      case Event e -> event(e, knownId, dedupeKey);
    }
  }

  private void event(Event e, int knownId, long dedupeKey) {
    // At most one map lookup per row: a known person cannot be forgotten (erasure removed their row), so
    // only an address the store does not know is checked against the erased ones, then given an id.
    int sub = knownId != 0 ? knownId : subscribers.idOf(e.email());
    if (sub == 0) {
      if (erased(e.email())) {
        return;
      }
      sub = subscribers.idForEvent(e.email());
    }
    latest = Math.max(latest, e.atMillis());
    if (e.type() == EventType.BOUNCE) {
      bounce(e, sub);
      return;
    }
    String code = e.campaignId();
    if (code == null && e.message() != null && e.type() != EventType.COMPLAINT && e.type() != EventType.UNSUBSCRIBE) {
      String id = e.message().messageId() == null ? null : e.provider() + "\u0000" + e.message().messageId();
      code = id == null ? null : derivedByMessage.get(id);
      if (code == null) {
        code = e.message().campaignKey(e.provider(), e.atMillis());
        if (id != null && derivedByMessage.size() < 1_000_000) {
          derivedByMessage.put(id, code);
        }
      }
      grouped++;
    }
    int camp = code == null ? 0 : campaigns.idForEvent(code);
    touchedCampaigns.set(camp);
    switch (e.type()) {
      case SEND, DELIVERY -> messages.add(e, camp, sub);
      default -> events.event(camp, sub, e, dedupeKey, importId);
    }
  }

  /** A bounce: on its message when a campaign is found (tagged or attached), always in the bounce log. */
  private void bounce(Event e, int sub) {
    int camp;
    if (e.campaignId() != null) {
      camp = campaigns.idForEvent(e.campaignId());
    } else {
      camp = bounces.campaignFor(sub, e.message() == null ? null : e.message().subject(), e.atMillis());
      if (camp == 0) {
        unattached++;
      }
    }
    if (camp > 0) {
      touchedCampaigns.set(camp);
      messages.add(e, camp, sub);
    }
    bounces.bounce(sub, camp, e, importId, camp == 0);
    bouncesByClass.merge(e.bounceKind(), 1L, Long::sum);
    bouncedPeople.set(sub);
  }

  private void reject(Rejection r) {
    if (forgotten.mentionedIn(r.raw()) || forgotten.mentionedIn(r.reason())) {
      skippedByReason.merge(FORGOTTEN, 1L, Long::sum);
      return;
    }
    rejected++;
    if (firstRejections.size() < KEEP_REJECTIONS) {
      firstRejections.add(r);
    }
    log.reject(importId, r);
  }

  /**
   * Whether {@code email} belongs to a person erased on request, counted as skipped when so. Only an
   * address the store does not know can be forgotten (erasure removed its row), so known people cost
   * a map lookup and no hashing.
   */
  private boolean forgotten(String email) {
    return subscribers.idOf(email) == 0 && erased(email);
  }

  /** Whether {@code email}, not on file, is an erased person's, counted as skipped when so. */
  private boolean erased(String email) {
    if (!forgotten.contains(email)) {
      return false;
    }
    skippedByReason.merge(FORGOTTEN, 1L, Long::sum);
    return true;
  }

  /**
   * Sends what is queued, dates placeholder campaigns, computes the data-quality figures, records the
   * import's figures, and marks the features stale; returns the summary's figures.
   */
  Written finish(String kind, long finishedAt) {
    messages.flush();
    subscribers.flush();
    campaigns.flush();
    events.flush();
    bounces.flush();
    log.flush();
    if (campaigns.placeholdersAdded() > 0) {
      campaigns.datePlaceholders();
    }
    long suppressed = bouncedPeople.isEmpty() ? 0 : bounces.suppress(bouncedPeople, softLimit);
    DataQuality quality = log.quality(importId, touchedCampaigns);
    long imported = subscribers.changedRows() + campaigns.changedRows() + events.changedRows() + bounces.changedRows();
    long duplicates = subscribers.unchangedRows() + campaigns.unchangedRows() + events.unchangedRows()
        + bounces.unchangedRows();
    ImportFigures figures = new ImportFigures(kind, finishedAt, rowsRead, imported, duplicates, rejected,
        subscribers.added(), campaigns.placeholdersAdded());
    log.finish(importId, figures, quality);
    long skipped = skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    log.recordIntake(importId, skipped, grouped, suppressed);
    // A suppression only sets a person's list status ('cleaned'), which every refresh, the incremental
    // one too, applies after its saved states (FeatureWriter reads it with the subscribers): it
    // needs no full replay. Forcing one made each weekly refresh with a new hard bounce replay everything.
    log.markFeaturesDirty(touchedCampaigns, listRows > 0);
    log.noteDataTime(latest);
    ImportSummary.Intake intake = new ImportSummary.Intake(skippedByReason, grouped, bouncesByClass, unattached,
        suppressed, bouncesByClass.containsKey(BounceKind.BLOCK) ? bounces.blocksByDomain(importId) : Map.of());
    return new Written(figures, quality, firstRejections, intake);
  }

  /** What one import wrote. */
  record Written(ImportFigures figures, DataQuality quality, List<Rejection> firstRejections, ImportSummary.Intake intake) {}
}
