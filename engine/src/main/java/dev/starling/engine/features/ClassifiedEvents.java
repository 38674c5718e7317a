package dev.starling.engine.features;

import dev.starling.connectors.EventType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  public static List<Row> of(Connection c, String email, EngagementSettings settings) throws SQLException {
    OpenClassifier opens = new OpenClassifier(settings);
    ClickClassifier clicks = new ClickClassifier(settings);
    List<Row> out = new ArrayList<>();
    Map<Integer, List<Object[]>> clicksByCampaign = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT cp.code, e.at, e.type, a.text, e.ip, e.url, e.machine_flag,"
        + " coalesce(m.delivered_at, m.sent_at), e.campaign_id FROM events e JOIN subscribers s ON s.id = e.subscriber_id"
        + " LEFT JOIN campaigns cp ON cp.id = e.campaign_id LEFT JOIN agents a ON a.id = e.agent_id"
        + " LEFT JOIN messages m ON m.campaign_id = e.campaign_id AND m.subscriber_id = e.subscriber_id"
        + " WHERE s.email = ? AND e.type IN (3, 4) ORDER BY e.at")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int flag = rs.getInt(7);
          Boolean providerFlag = rs.wasNull() ? null : flag == 1;
          long delivered = rs.getLong(8);
          if (rs.wasNull()) {
            delivered = Long.MIN_VALUE;
          }
          EventType type = EventType.ofCode(rs.getInt(3));
          if (type == EventType.OPEN) {
            OpenReason r = opens.classify(providerFlag, rs.getString(4), rs.getString(5), rs.getLong(2), delivered);
            out.add(new Row(rs.getString(1), rs.getLong(2), type, rs.getString(4), rs.getString(5), null, r.kind(), r.name()));
          } else {
            clicksByCampaign.computeIfAbsent(rs.getInt(9), k -> new ArrayList<>()).add(new Object[] {
                rs.getString(1), rs.getLong(2), rs.getString(4), rs.getString(5), rs.getString(6), providerFlag, delivered});
          }
        }
      }
    }
    for (List<Object[]> group : clicksByCampaign.values()) {
      List<ClickClassifier.Click> cs = new ArrayList<>();
      for (Object[] g : group) {
        cs.add(new ClickClassifier.Click((long) g[1], (String) g[4], (Boolean) g[5], ClickClassifier.isScannerAgent((String) g[2])));
      }
      List<ClickReason> reasons = clicks.classify(cs, (long) group.get(0)[6]);
      for (int i = 0; i < group.size(); i++) {
        Object[] g = group.get(i);
        out.add(new Row((String) g[0], (long) g[1], EventType.CLICK, (String) g[2], (String) g[3], (String) g[4],
            reasons.get(i).kind(), reasons.get(i).name()));
      }
    }
    out.sort((a, b) -> Long.compare(a.at(), b.at()));
    return out;
  }
}
