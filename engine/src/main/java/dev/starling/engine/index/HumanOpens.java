package dev.starling.engine.index;

import dev.starling.connectors.EventType;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.OpenClassifier;
import dev.starling.engine.features.OpenKind;
import dev.starling.engine.store.EventHistory;
import dev.starling.engine.store.HumanOpeners;
import dev.starling.engine.store.ReplayStates;
import dev.starling.engine.store.Store;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * Which campaigns each subscriber human-opened: one bit set of subscribers per campaign, as the feature
 * refresh saved it, or filled by one scan of the campaign's messages and opens, classified by the same
 * {@link OpenClassifier} and the same delivery-time rule as the feature replay. The features keep counts,
 * not which campaigns; the index needs the campaigns, for their subjects. A few bits per subscriber and campaign (52 campaigns of a million
 * people: 6.5 MB).
 */
final class HumanOpens {
  private final List<Integer> campaigns;
  private final BitSet[] openers;

  private HumanOpens(List<Integer> campaigns, BitSet[] openers) {
    this.campaigns = campaigns;
    this.openers = openers;
  }

  /**
   * Who human-opened each campaign of {@code order}: as the last feature refresh saved it ({@link HumanOpeners}),
   * or, for a campaign it did not save or an import touched since, and for every campaign when the features were
   * computed with other settings, classified here from the campaign's messages and opens. Runs inside the
   * caller's read unit of work.
   */
  static HumanOpens scan(Store store, List<Integer> order, EngagementSettings settings) {
    boolean sameSettings = new ReplayStates(store).settings().map(settings.fingerprint()::equals).orElse(false);
    Map<Integer, BitSet> saved = sameSettings ? new HumanOpeners(store).current() : Map.of();
    EventHistory history = new EventHistory(store);
    String[] agents = history.agents();
    boolean[] proxy = new boolean[agents.length];
    for (int i = 0; i < agents.length; i++) {
      proxy[i] = OpenClassifier.PROXY_AGENT.equals(agents[i]);
    }
    OpenClassifier classifier = new OpenClassifier(settings);
    int n = history.maxSubscriberId() + 1;
    long[] deliveredAt = new long[n];
    int[] stamp = new int[n];
    BitSet[] openers = new BitSet[order.size()];
    try (EventHistory.CampaignScan scan = history.campaignScan()) {
      for (int i = 0; i < order.size(); i++) {
        int turn = i + 1;
        BitSet known = saved.get(order.get(i));
        if (known != null) {
          openers[i] = known;
          continue;
        }
        BitSet opened = new BitSet();
        scan.messages(order.get(i), (s, delivered, hardBounce, time) -> {
          stamp[s] = turn;
          deliveredAt[s] = time;
        });
        scan.events(order.get(i), (s, type, at, agent, apple, flag, url) -> {
          if (type != EventType.OPEN || opened.get(s)) {
            return;
          }
          long delivered = stamp[s] == turn ? deliveredAt[s] : Long.MIN_VALUE;
          boolean proxyAgent = agent > 0 && agent < proxy.length && proxy[agent];
          Boolean provider = flag < 0 ? null : flag == 1;
          if (classifier.classify(provider, proxyAgent, apple, at, delivered).kind() == OpenKind.HUMAN) {
            opened.set(s);
          }
        });
        openers[i] = opened;
      }
    }
    return new HumanOpens(List.copyOf(order), openers);
  }

  /** The ids of the campaigns {@code subscriber} human-opened, in send order. */
  int[] of(int subscriber) {
    int count = 0;
    for (BitSet b : openers) {
      if (b.get(subscriber)) {
        count++;
      }
    }
    int[] out = new int[count];
    int k = 0;
    for (int i = 0; i < openers.length; i++) {
      if (openers[i].get(subscriber)) {
        out[k++] = campaigns.get(i);
      }
    }
    return out;
  }
}
