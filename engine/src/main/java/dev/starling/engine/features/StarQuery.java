package dev.starling.engine.features;

import dev.starling.engine.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Lists the star subscribers from the stored features: a read of one indexed table, no recompute. */
public final class StarQuery {
  private final Store store;

  public StarQuery(Store store) {
    this.store = store;
  }

  /**
   * Stars under {@code criteria}, best first (highest ratio, then most campaigns opened, then email).
   *
   * @param limit at most this many, or all when {@code <= 0}
   */
  public List<Star> stars(StarCriteria criteria, int limit) {
    // The ratio form (opened / received >= r), the same arithmetic as the written definition.
    String sql = "SELECT s.email, trim(coalesce(s.first_name, '') || ' ' || coalesce(s.last_name, '')), s.company,"
        + " f.received, f.campaigns_opened, f.human_opens, f.machine_opens, f.human_clicks, f.last_human_at, f.status"
        + " FROM subscriber_features f JOIN subscribers s ON s.id = f.subscriber_id"
        + " WHERE f.received >= ? AND CAST(f.campaigns_opened AS REAL) / f.received >= ?"
        + " ORDER BY CAST(f.campaigns_opened AS REAL) / f.received DESC, f.campaigns_opened DESC, s.email"
        + (limit > 0 ? " LIMIT ?" : "");
    return store.readWithConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setInt(1, criteria.minCampaigns());
        ps.setDouble(2, criteria.minRatio());
        if (limit > 0) {
          ps.setInt(3, limit);
        }
        List<Star> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Star(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getString(10)));
          }
        }
        return out;
      }
    });
  }
}
