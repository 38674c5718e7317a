package dev.starling.engine.store;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.EventType;
import dev.starling.connectors.csv.CanonicalColumns;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.rules.Subject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the store holds about one person, table by table, in the store's own terms: what the
 * profile ({@code starling subscriber}) and the access request ({@code starling export-person}) are
 * made of. Read inside the caller's {@link Store#read} unit of work. Rows of one person are found by
 * the keys that start with the campaign (one seek per campaign), never by scanning every event.
 */
public final class PersonData {
  private final Store store;

  public PersonData(Store store) {
    this.store = store;
  }

  /**
   * One person's list data.
   *
   * @param createdAt when they joined the list (UTC ms), 0 when unknown
   * @param listStatus the list's word (subscribed, unsubscribed, cleaned, pending), or null
   * @param onList whether a subscriber file named them (else only event logs did)
   */
  public record Person(int id, String email, String domain, String firstName, String lastName, String company, String country,
      long createdAt, List<String> tags, String listStatus, boolean onList) {
    public Person {
      tags = List.copyOf(tags);
    }

    /** First and last name, as one; null when neither is known. */
    public String name() {
      String n = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).strip();
      return n.isEmpty() ? null : n;
    }
  }

  /** One message sent to the person; times are UTC ms, 0 when unknown. */
  public record Message(String campaign, String campaignName, String list, long sentAt, long deliveredAt, long bouncedAt) {}

  /** One bounce as the receiving server said it. */
  public record Bounce(String campaign, long at, BounceKind kind, String status, Integer replyCode, String diagnostic,
      String source) {}

  /** A complaint or an unsubscribe; {@code campaign} null when list-level. */
  public record Removal(String campaign, long at, EventType type, String detail) {}

  /** One step of a lead's life. */
  public record Step(long at, LeadStatus from, LeadStatus to, String by, String reason, String note) {}

  /** A lead with every step of its life, oldest first. */
  public record PersonLead(long id, String week, Subject subject, String subjectKey, String ruleId, int priority,
      String reason, LeadStatus status, long suggestedAt, List<Step> steps) {
    public PersonLead {
      steps = List.copyOf(steps);
    }
  }

  /** A row an import refused that names the person. */
  public record Rejected(long importId, long line, String reason, String raw) {}

  public Optional<Person> person(String email) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT id, email, domain, first_name, last_name, company,"
        + " country, created_at, tags, status, on_list FROM subscribers WHERE email = ?")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String tags = rs.getString(9);
        return Optional.of(new Person(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7), rs.getLong(8),
            tags == null || tags.isEmpty() ? List.of()
                : Arrays.asList(tags.split(Pattern.quote(String.valueOf(CanonicalColumns.TAG_SEPARATOR)))),
            rs.getString(10), rs.getInt(11) == 1));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read subscriber " + email, e);
    }
  }

  /** The messages sent to subscriber {@code id}, in send order. */
  public List<Message> messages(int id) {
    List<Message> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT cp.code, coalesce(cp.subject, cp.name), cp.list,"
        + " m.sent_at, m.delivered_at, m.bounced_at FROM messages m JOIN campaigns cp ON cp.id = m.campaign_id"
        + " WHERE m.campaign_id IN (SELECT id FROM campaigns) AND m.subscriber_id = ?"
        + " ORDER BY coalesce(m.sent_at, m.delivered_at, m.bounced_at, cp.sent_at), cp.code")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the messages of subscriber #" + id, e);
    }
    return out;
  }

  /** Subscriber {@code id}'s bounces, oldest first. */
  public List<Bounce> bounces(int id) {
    List<Bounce> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT cp.code, b.at, b.class, b.status, b.reply_code,"
        + " b.diagnostic, b.source FROM bounces b LEFT JOIN campaigns cp ON cp.id = b.campaign_id"
        + " WHERE b.subscriber_id = ? ORDER BY b.at, b.dedupe")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int reply = rs.getInt(5);
          Integer replyCode = rs.wasNull() ? null : reply;
          out.add(new Bounce(rs.getString(1), rs.getLong(2), BounceLog.ofCode(rs.getInt(3)), rs.getString(4), replyCode,
              rs.getString(6), rs.getString(7)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the bounces of subscriber #" + id, e);
    }
    return out;
  }

  /** Subscriber {@code id}'s complaints and unsubscribes, oldest first. */
  public List<Removal> removals(int id) {
    List<Removal> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT cp.code, e.at, e.type, e.detail FROM events e"
        + " LEFT JOIN campaigns cp ON cp.id = e.campaign_id"
        + " WHERE e.campaign_id IN (SELECT id FROM campaigns UNION ALL SELECT 0) AND e.subscriber_id = ? AND e.type IN (?, ?)"
        + " ORDER BY e.at, e.type")) {
      ps.setInt(1, id);
      ps.setInt(2, EventType.COMPLAINT.code());
      ps.setInt(3, EventType.UNSUBSCRIBE.code());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Removal(rs.getString(1), rs.getLong(2), EventType.ofCode(rs.getInt(3)), rs.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the unsubscribes of subscriber #" + id, e);
    }
    return out;
  }

  /** The leads about {@code subject} {@code key} (an address, or an account name), oldest first, with their steps. */
  public List<PersonLead> leads(Subject subject, String key) {
    List<PersonLead> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT id, week, rule_id, priority, reason, status,"
        + " suggested_at FROM leads WHERE subject = ? AND subject_key = ? ORDER BY suggested_at, id")) {
      ps.setString(1, subject.key());
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          out.add(new PersonLead(id, rs.getString(2), subject, key, rs.getString(3), rs.getInt(4), rs.getString(5),
              status(rs.getString(6)), rs.getLong(7), steps(id)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the leads of " + key, e);
    }
    return out;
  }

  private List<Step> steps(long lead) throws SQLException {
    List<Step> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT at, from_status, to_status, by, reason, note"
        + " FROM lead_events WHERE lead_id = ? ORDER BY at, id")) {
      ps.setLong(1, lead);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String from = rs.getString(2);
          out.add(new Step(rs.getLong(1), from == null ? null : status(from), status(rs.getString(3)), rs.getString(4),
              rs.getString(5), rs.getString(6)));
        }
      }
    }
    return out;
  }

  /** The ISO weeks whose digest listed {@code email} as a star subscriber. */
  public List<String> digestWeeks(String email) {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT week FROM digest_stars WHERE email = ? ORDER BY week")) {
      ps.setString(1, email);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the digests of " + email, e);
    }
    return out;
  }

  /** Rows imports refused whose line or reason names {@code email}, in any case. */
  public List<Rejected> rejections(String email) {
    List<Rejected> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT import_id, line, reason, raw FROM rejections"
        + " WHERE instr(lower(raw), ?) > 0 OR instr(lower(reason), ?) > 0 ORDER BY import_id, line")) {
      ps.setString(1, email);
      ps.setString(2, email);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Rejected(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the rejected rows naming " + email, e);
    }
    return out;
  }

  /**
   * Stored addresses close to {@code email}, closest first (for "did you mean"): those sharing its first
   * three characters (a range over the address index, at most a few thousand rows read) within two edits.
   */
  public List<String> closeTo(String email, int limit) {
    String prefix = email.substring(0, Math.min(3, email.length()));
    record Candidate(String email, int distance) {}
    List<Candidate> found = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement(
        "SELECT email FROM subscribers WHERE email >= ? AND email < ? ORDER BY email LIMIT 5000")) {
      ps.setString(1, prefix);
      ps.setString(2, prefix + Character.MAX_VALUE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int d = distance(email, rs.getString(1), 2);
          if (d <= 2) {
            found.add(new Candidate(rs.getString(1), d));
          }
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the addresses", e);
    }
    return found.stream().sorted(java.util.Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::email))
        .limit(limit).map(Candidate::email).toList();
  }

  /** Levenshtein distance, or {@code max + 1} as soon as it is known to exceed {@code max}. */
  static int distance(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int best = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        best = Math.min(best, cur[j]);
      }
      if (best > max) {
        return max + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static LeadStatus status(String code) {
    return LeadStatus.valueOf(code.toUpperCase(Locale.ROOT));
  }
}
