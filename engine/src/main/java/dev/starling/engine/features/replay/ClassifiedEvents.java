package dev.starling.engine.features.replay;

import dev.starling.connectors.EventType;
import dev.starling.engine.features.ClickClassifier;
import dev.starling.engine.features.ClickReason;
import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.OpenClassifier;
import dev.starling.engine.features.OpenKind;
import dev.starling.engine.features.OpenReason;
import dev.starling.engine.store.EventHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One person's opens and clicks with the verdict and reason code of each, for {@code starling explain}. */
public final class ClassifiedEvents {
  private ClassifiedEvents() {}

  /** One classified open or click. */
  public record Row(String campaign, long at, EventType type, String agent, String ip, String url, OpenKind kind, String reason) {}

  /** The person's opens and clicks in time order, classified with {@code settings} exactly as the replay does. */
  public static List<Row> of(EventHistory history, String email, EngagementSettings settings) {
    OpenClassifier opens = new OpenClassifier(settings);
    ClickClassifier clicks = new ClickClassifier(settings);
    List<Row> out = new ArrayList<>();
    Map<Integer, List<EventHistory.PersonEvent>> clicksByCampaign = new LinkedHashMap<>();
    for (EventHistory.PersonEvent e : history.opensAndClicks(email)) {
      if (e.type() == EventType.OPEN) {
        OpenReason r = opens.classify(e.providerFlag(), e.agent(), e.ip(), e.at(), e.deliveredAt());
        out.add(new Row(e.campaign(), e.at(), e.type(), e.agent(), e.ip(), null, r.kind(), r.name()));
      } else {
        clicksByCampaign.computeIfAbsent(e.campaignId(), k -> new ArrayList<>()).add(e);
      }
    }
    for (List<EventHistory.PersonEvent> group : clicksByCampaign.values()) {
      List<ClickClassifier.Click> cs = new ArrayList<>();
      for (EventHistory.PersonEvent g : group) {
        cs.add(new ClickClassifier.Click(g.at(), g.url(), g.providerFlag(), ClickClassifier.isScannerAgent(g.agent())));
      }
      List<ClickReason> reasons = clicks.classify(cs, group.get(0).deliveredAt());
      for (int i = 0; i < group.size(); i++) {
        EventHistory.PersonEvent g = group.get(i);
        out.add(new Row(g.campaign(), g.at(), EventType.CLICK, g.agent(), g.ip(), g.url(), reasons.get(i).kind(),
            reasons.get(i).name()));
      }
    }
    out.sort((a, b) -> Long.compare(a.at(), b.at()));
    return out;
  }
}
