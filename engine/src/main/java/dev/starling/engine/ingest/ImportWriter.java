package dev.starling.engine.ingest;

import dev.starling.connectors.Campaign;
import dev.starling.connectors.Event;
import dev.starling.connectors.Fact;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.engine.store.Campaigns;
import dev.starling.engine.store.DataQuality;
import dev.starling.engine.store.EventLog;
import dev.starling.engine.store.ImportFigures;
import dev.starling.engine.store.ImportLog;
import dev.starling.engine.store.StoreTx;
import dev.starling.engine.store.Subscribers;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Writes the rows of one import into one transaction, through the repositories: each fact to its
 * place, each rejection to the import log. Counts what the summary reports: rows read, rejected, the
 * first few rejections, list rows (a list import makes the next feature refresh a full one), the
 * campaigns touched and the newest time seen.
 */
final class ImportWriter {
  private static final int KEEP_REJECTIONS = 20;

  private final Subscribers subscribers;
  private final Campaigns campaigns;
  private final EventLog events;
  private final ImportLog log;
  private final MessageMerger messages;
  private final long importId;
  private final BitSet touchedCampaigns = new BitSet();
  private final List<Rejection> firstRejections = new ArrayList<>();
  private long rowsRead;
  private long rejected;
  private long listRows;
  private long latest;

  ImportWriter(StoreTx tx, long importId) {
    this.subscribers = tx.subscribers();
    this.campaigns = tx.campaigns();
    this.events = tx.eventLog();
    this.log = tx.importLog();
    this.messages = new MessageMerger(events);
    this.importId = importId;
  }

  void add(ReadResult r) {
    rowsRead++;
    switch (r) {
      case Rejection rej -> reject(rej);
      case Fact f -> fact(f);
    }
  }

  long rowsRead() {
    return rowsRead;
  }

  private void fact(Fact f) {
    switch (f) {
      case Subscriber s -> {
        listRows++;
        subscribers.upsert(s);
      }
      case Campaign cp -> campaigns.upsert(cp);
      case Event e -> event(e);
    }
  }

  private void event(Event e) {
    latest = Math.max(latest, e.atMillis());
    int sub = subscribers.idForEvent(e.email());
    int camp = e.campaignId() == null ? 0 : campaigns.idForEvent(e.campaignId());
    touchedCampaigns.set(camp);
    switch (e.type()) {
      case SEND, DELIVERY, BOUNCE -> messages.add(e, camp, sub);
      case OPEN, CLICK, COMPLAINT, UNSUBSCRIBE -> events.event(camp, sub, e, importId);
    }
  }

  private void reject(Rejection r) {
    rejected++;
    if (firstRejections.size() < KEEP_REJECTIONS) {
      firstRejections.add(r);
    }
    log.reject(importId, r);
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
    log.flush();
    if (campaigns.placeholdersAdded() > 0) {
      campaigns.datePlaceholders();
    }
    DataQuality quality = log.quality(importId, touchedCampaigns);
    long imported = subscribers.changedRows() + campaigns.changedRows() + events.changedRows();
    long duplicates = subscribers.unchangedRows() + campaigns.unchangedRows() + events.unchangedRows();
    ImportFigures figures = new ImportFigures(kind, finishedAt, rowsRead, imported, duplicates, rejected,
        subscribers.added(), campaigns.placeholdersAdded());
    log.finish(importId, figures, quality);
    log.markFeaturesDirty(touchedCampaigns, listRows > 0);
    log.noteDataTime(latest);
    return new Written(figures, quality, firstRejections);
  }

  /** What one import wrote. */
  record Written(ImportFigures figures, DataQuality quality, List<Rejection> firstRejections) {}
}
