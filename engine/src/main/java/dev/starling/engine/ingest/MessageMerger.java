package dev.starling.engine.ingest;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Event;
import dev.starling.engine.store.EventLog;

/**
 * Merges the consecutive send, delivery and bounce rows of one message (as exports write them) into
 * one write: its earliest send and delivery and its worst bounce. Half the B-tree work for the bulk
 * of every log; a merged message counts its rows together.
 */
final class MessageMerger {
  private final EventLog log;
  private int campaign = -1;
  private int subscriber;
  private long sent;
  private long delivered;
  private long bounced;
  private int bounce;
  private int rows;

  MessageMerger(EventLog log) {
    this.log = log;
  }

  /** Adds a send, delivery or bounce, writing the pending message first when this one is another. */
  void add(Event e, int campaign, int subscriber) {
    if (campaign != this.campaign || subscriber != this.subscriber) {
      flush();
      this.campaign = campaign;
      this.subscriber = subscriber;
    }
    rows++;
    long at = e.atMillis();
    switch (e.type()) {
      case SEND -> sent = sent == 0 ? at : Math.min(sent, at);
      case DELIVERY -> delivered = delivered == 0 ? at : Math.min(delivered, at);
      default -> {
        int b = e.bounceKind() == BounceKind.HARD ? 2 : 1;
        if (b > bounce || (b == bounce && at < bounced)) {
          bounce = b;
          bounced = at;
        }
      }
    }
  }

  /** Queues the pending message, if any. */
  void flush() {
    if (campaign >= 0 && rows > 0) {
      log.message(campaign, subscriber, sent, delivered, bounced, bounce, rows);
    }
    campaign = -1;
    sent = 0;
    delivered = 0;
    bounced = 0;
    bounce = 0;
    rows = 0;
  }
}
