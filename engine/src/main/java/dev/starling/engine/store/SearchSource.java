package dev.starling.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the search index is built from: every subscriber with their list data and (when computed) their
 * features, one row at a time in id order; the campaigns' subjects; and the data version, which says
 * whether anything the index or a cache shows may have changed. Read inside a {@link Store#read} unit.
 */
public final class SearchSource {
  private static final String SELECT = "SELECT s.id, s.email, s.first_name, s.last_name, s.company, s.domain, s.country,"
      + " s.country_code, s.tags, s.status, f.star_tier, f.score, f.state, f.confidence, f.status, f.last_human_at,"
      + " f.clicked_urls, f.account, f.computed_at IS NOT NULL"
      + " FROM subscribers s LEFT JOIN subscriber_features f ON f.subscriber_id = s.id";

  private final Store store;

  public SearchSource(Store store) {
    this.store = store;
  }

  /**
   * One subscriber as the index sees it. Feature fields are null (numbers 0) when the features were not
   * computed for this person (never sent anything, or no refresh since they were imported).
   *
   * @param tags '|'-separated, as stored
   * @param listStatus the list's own word (subscribed, unsubscribed, cleaned, pending), or null
   * @param status the features' status code (active, unsubscribed, complained, hard_bounced), or null
   * @param clickedUrls newline-separated human-clicked URLs, or null
   * @param lastHumanAt UTC ms of the last human open or click, 0 when none
   */
  public record SubscriberRow(int id, String email, String firstName, String lastName, String company, String domain,
      String country, String countryCode, String tags, String listStatus, boolean hasFeatures, int stars, double score,
      String state, String confidence, String status, long lastHumanAt, String clickedUrls, String account) {}

  /** Every subscriber, in id order. */
  public void forEachSubscriber(Consumer<SubscriberRow> each) {
    scan(SELECT + " ORDER BY s.id", null, each);
  }

  /** The subscriber with {@code email}, if stored (one row at most). */
  public void subscriber(String email, Consumer<SubscriberRow> each) {
    scan(SELECT + " WHERE s.email = ?", email, each);
  }

  /** The subscribers whose features name {@code account}, in id order. */
  public void accountPeople(String account, Consumer<SubscriberRow> each) {
    scan(SELECT + " WHERE f.account = ? ORDER BY s.id", account, each);
  }

  private void scan(String sql, String param, Consumer<SubscriberRow> each) {
    try (PreparedStatement ps = store.connection().prepareStatement(sql)) {
      if (param != null) {
        ps.setString(1, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          boolean has = rs.getBoolean(19);
          each.accept(new SubscriberRow(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), has, rs.getInt(11),
              rs.getDouble(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getLong(16), rs.getString(17),
              rs.getString(18)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the subscribers for the search index", e);
    }
  }

  /** Every campaign's subject by its id (campaigns without a subject are left out). */
  public Map<Integer, String> subjects() {
    Map<Integer, String> out = new HashMap<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT id, subject FROM campaigns WHERE subject IS NOT NULL");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getInt(1), rs.getString(2));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the campaign subjects", e);
    }
    return out;
  }

  /** Campaign ids in send order, as the replay orders them. */
  public List<Integer> campaignsInSendOrder() {
    return new EventHistory(store).campaignsInSendOrder();
  }

  /**
   * A number that changes whenever another process commits to the store; this process's own writes do
   * not change it (the caller counts those). Costs no read of the data, so it is asked before every cached read.
   */
  public long changesByOthers() {
    try {
      return store.dialect().changeCounter(store.connection());
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the store's change counter", e);
    }
  }

  /**
   * The data version: changes whenever an import lands (a new row in {@code imports}), the features are
   * recomputed (their {@code computed_at}) or a subscriber is added or removed. Equal versions mean equal
   * data for everything the index and the caches show. Cheap: two index lookups and a count.
   */
  public String dataVersion() {
    long imports = Queries.longValue(store, "SELECT coalesce(max(id), 0) FROM imports");
    // Every row of a refresh carries the same computed_at (they replace all the previous ones at once), so
    // one row says it; max() over the column read the whole table (2 s cold at 100,000 people).
    long computed = Queries.longValue(store, "SELECT coalesce((SELECT computed_at FROM subscriber_features LIMIT 1), 0)");
    long people = Queries.longValue(store, "SELECT count(*) FROM subscribers");
    return imports + ":" + computed + ":" + people;
  }
}
