package dev.starling.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Who human-opened each campaign, as the last feature refresh classified the opens ({@code human_openers}): one
 * bit set of subscriber ids per campaign. The refresh writes the campaigns it replays; the search index reads
 * them for the subjects each person opened instead of classifying every open in the store again.
 */
public final class HumanOpeners {
  private final Store store;

  public HumanOpeners(Store store) {
    this.store = store;
  }

  /** Replaces campaign {@code campaign}'s openers, inside the caller's writing unit of work. */
  public void put(int campaign, BitSet openers) {
    try (PreparedStatement ps = store.connection().prepareStatement(
        "INSERT INTO human_openers (campaign_id, openers) VALUES (?, ?) ON CONFLICT (campaign_id) DO UPDATE SET openers = excluded.openers")) {
      ps.setInt(1, campaign);
      ps.setBytes(2, openers.toByteArray());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot save who opened campaign " + campaign, e);
    }
  }

  /** Drops every campaign's openers (a full replay writes them all again). */
  public void clear() {
    try (PreparedStatement ps = store.connection().prepareStatement("DELETE FROM human_openers")) {
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot clear the saved openers", e);
    }
  }

  /**
   * The saved openers of every campaign that no import touched since the last refresh (the others may have
   * opens the refresh has not seen), by campaign id.
   */
  public Map<Integer, BitSet> current() {
    Map<Integer, BitSet> out = new HashMap<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT campaign_id, openers FROM human_openers"
        + " WHERE campaign_id NOT IN (SELECT campaign_id FROM dirty_campaigns)"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getInt(1), BitSet.valueOf(rs.getBytes(2)));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the saved openers", e);
    }
    return out;
  }

  /** Clears subscriber {@code id} from every campaign's openers (an erasure), inside the caller's writing unit of work. */
  public int forget(int id) {
    Map<Integer, BitSet> rewritten = new HashMap<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT campaign_id, openers FROM human_openers");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        BitSet b = BitSet.valueOf(rs.getBytes(2));
        if (b.get(id)) {
          b.clear(id);
          rewritten.put(rs.getInt(1), b);
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the saved openers", e);
    }
    rewritten.forEach(this::put);
    return rewritten.size();
  }
}
