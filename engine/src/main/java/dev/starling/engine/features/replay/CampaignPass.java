package dev.starling.engine.features.replay;

import dev.starling.connectors.EventType;
import dev.starling.engine.features.ClickClassifier;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.OpenClassifier;
import dev.starling.engine.features.OpenKind;
import dev.starling.engine.features.OpenReason;
import dev.starling.engine.store.EventHistory;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The classification pass of the replay: feeds one campaign's messages and events into the
 * {@link ReplayState}, telling human opens and clicks from machine ones on the way.
 *
 * <p>An open is classified alone (it needs its message's delivery time, from the messages scan); a
 * subscriber's clicks of one campaign are classified together (bursts), so they are held until the
 * scan moves on to the next subscriber (rows come grouped by subscriber, the key order).
 */
final class CampaignPass implements EventHistory.EventSink, EventHistory.MessageSink {
  private final ReplayState st;
  private final OpenClassifier opens;
  private final ClickClassifier clicks;
  private final boolean[] proxyAgent;
  private final boolean[] scannerAgent;
  private final List<ClickClassifier.Click> pending = new ArrayList<>();
  private int turn;
  /** Who human-opened the campaign being replayed (a campaign's turn, not the list-level events'). */
  private BitSet humanOpeners = new BitSet();
  private int current = -1;
  private long currentDelivered = Long.MIN_VALUE;

  /** @param agents every user agent's text by id, as {@link EventHistory#agents()} gives them */
  CampaignPass(ReplayState st, EngagementSettings settings, String[] agents) {
    this.st = st;
    this.opens = new OpenClassifier(settings);
    this.clicks = new ClickClassifier(settings);
    this.proxyAgent = new boolean[agents.length];
    this.scannerAgent = new boolean[agents.length];
    for (int i = 0; i < agents.length; i++) {
      if (agents[i] != null) {
        proxyAgent[i] = OpenClassifier.PROXY_AGENT.equals(agents[i]);
        scannerAgent[i] = ClickClassifier.isScannerAgent(agents[i]);
      }
    }
  }

  /** Replays campaign {@code campaign} as the {@code turn}-th (1-based) into the state. */
  void campaign(EventHistory.CampaignScan scan, int campaign, int turn) {
    this.turn = turn;
    humanOpeners = new BitSet();
    st.beginCampaign();
    scan.messages(campaign, this);
    events(scan, campaign, turn);
    st.endCampaign(turn);
  }

  /** Who human-opened the campaign last replayed by {@link #campaign}. */
  BitSet humanOpeners() {
    return humanOpeners;
  }

  /** Replays the events of {@code campaign} only (0: the list-level unsubscribes and complaints). */
  void events(EventHistory.CampaignScan scan, int campaign, int turn) {
    this.turn = turn;
    current = -1;
    currentDelivered = Long.MIN_VALUE;
    scan.events(campaign, this);
    flushClicks();
  }

  @Override
  public void message(int subscriber, boolean delivered, boolean hardBounce, long time) {
    st.message(subscriber, delivered, hardBounce, time, turn);
  }

  @Override
  public void event(int s, EventType type, long at, int agent, boolean apple, int providerFlag, String url) {
    if (s != current) {
      flushClicks();
      current = s;
    }
    st.seen(s);
    switch (type) {
      case OPEN, CLICK -> {
        Boolean flag = providerFlag < 0 ? null : providerFlag == 1;
        currentDelivered = st.deliveredAt(s, turn);
        boolean known = agent > 0 && agent < proxyAgent.length;
        if (type == EventType.OPEN) {
          OpenReason r = opens.classify(flag, known && proxyAgent[agent], apple, at, currentDelivered);
          boolean human = r.kind() == OpenKind.HUMAN;
          st.open(s, turn, at, human);
          if (human) {
            humanOpeners.set(s);
          }
        } else {
          pending.add(new ClickClassifier.Click(at, url, flag, known && scannerAgent[agent]));
        }
      }
      case COMPLAINT -> st.complained(s);
      case UNSUBSCRIBE -> st.unsubscribed(s);
      default -> { } // sends, deliveries and bounces are messages rows, not events
    }
  }

  private void flushClicks() {
    st.clicks(current, pending, clicks, currentDelivered);
  }
}
