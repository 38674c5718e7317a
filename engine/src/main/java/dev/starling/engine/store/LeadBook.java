package dev.starling.engine.store;

import dev.starling.engine.error.StarlingException;
import dev.starling.engine.leads.Lead;
import dev.starling.engine.leads.LeadEvent;
import dev.starling.engine.leads.LeadStatus;
import dev.starling.rules.Subject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The leads and their history ({@code leads}, {@code lead_events}). A lead's current status lives in
 * {@code leads} (with {@code status_at} in data time, the clock cooldowns are measured in); every step
 * of its life is a {@code lead_events} row, written in the same transaction as the status it records.
 */
public final class LeadBook {
  private final Store store;

  public LeadBook(Store store) {
    this.store = store;
  }

  /**
   * A stored suggestion as the lead finder weighs it against a new match.
   *
   * @param activityMark the subject's last human activity when it was suggested
   * @param statusAt when its status was last set, in data time
   */
  public record Prior(Subject subject, String subjectKey, String ruleId, String week, long activityMark, LeadStatus status,
      long suggestedAt, long statusAt) {}

  /** Every stored suggestion, oldest first (so the last one seen per subject and rule is the latest). */
  public void forEachSuggestion(Consumer<Prior> each) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT subject, subject_key, rule_id, week,"
        + " activity_mark, status, suggested_at, status_at FROM leads ORDER BY suggested_at, id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        each.accept(new Prior(subject(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
            status(rs.getString(6)), rs.getLong(7), rs.getLong(8)));
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the leads", e);
    }
  }

  /**
   * A suggestion to keep.
   *
   * @param suggestedAt the features' as-of time (data time)
   */
  public record Suggestion(String week, Subject subject, String subjectKey, String ruleId, int priority, String reason,
      long activityMark, long suggestedAt) {}

  /**
   * Stores the suggestions not already stored for their week, each with the first step of its history
   * (stamped {@code at}, the time of the run), inside the caller's transaction.
   *
   * <p>Why batched, with the history written by one statement after: a weekly run keeps thousands of
   * suggestions, and an insert plus a history lookup-and-insert per suggestion cost a round trip each.
   * A new lead's id is above every id stored before the run ({@code INTEGER PRIMARY KEY} takes the
   * largest id plus one), so the leads above that mark are exactly this run's new ones.
   *
   * @return how many were new
   */
  public int suggest(List<Suggestion> suggestions, long at) {
    Connection c = store.connection();
    try (PreparedStatement mark = c.prepareStatement("SELECT coalesce(max(id), 0) FROM leads");
        PreparedStatement ins = c.prepareStatement("INSERT INTO leads (week, subject, subject_key, rule_id,"
            + " priority, reason, activity_mark, status, suggested_at, status_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (week, subject, subject_key, rule_id) DO NOTHING");
        PreparedStatement history = c.prepareStatement("INSERT INTO lead_events (lead_id, from_status, to_status, at)"
            + " SELECT id, NULL, ?, ? FROM leads WHERE id > ? ORDER BY id")) {
      long before;
      try (ResultSet rs = mark.executeQuery()) {
        before = rs.next() ? rs.getLong(1) : 0;
      }
      int pending = 0;
      for (Suggestion s : suggestions) {
        ins.setString(1, s.week());
        ins.setString(2, s.subject().key());
        ins.setString(3, s.subjectKey());
        ins.setString(4, s.ruleId());
        ins.setInt(5, s.priority());
        ins.setString(6, s.reason());
        ins.setLong(7, s.activityMark());
        ins.setString(8, LeadStatus.SUGGESTED.code());
        ins.setLong(9, s.suggestedAt());
        ins.setLong(10, s.suggestedAt());
        ins.addBatch();
        if (++pending == BatchedStatement.BATCH) {
          ins.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ins.executeBatch();
      }
      history.setString(1, LeadStatus.SUGGESTED.code());
      history.setLong(2, at);
      history.setLong(3, before);
      return history.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot store the suggestions", e);
    }
  }

  /**
   * The leads of a week, in the store's order (priority, rule, who); the caller ranks them.
   *
   * @param titleOf the rule title for a rule id
   */
  public List<Lead> week(String week, UnaryOperator<String> titleOf) {
    List<Lead> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT id, week, subject, subject_key, rule_id,"
        + " priority, reason, status, suggested_at FROM leads WHERE week = ? ORDER BY priority, rule_id, subject_key")) {
      ps.setString(1, week);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Lead(rs.getLong(1), rs.getString(2), subject(rs.getString(3)), rs.getString(4), rs.getString(5),
              titleOf.apply(rs.getString(5)), rs.getInt(6), rs.getString(7), status(rs.getString(8)), rs.getLong(9)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the leads of " + week, e);
    }
    return out;
  }

  /**
   * Moves lead {@code id} to {@code to} and records the step, in one transaction of its own.
   *
   * @param by who, or {@code null}
   * @param note why, or {@code null}
   * @param at when (UTC ms), kept in the history; the lead's {@code status_at} (which cooldowns read)
   *     is the features' as-of time when there are features, else {@code at}
   * @throws StarlingException for an unknown lead, or a step its status does not allow
   */
  public LeadEvent transition(long id, LeadStatus to, String by, String note, long at) {
    return transition(id, to, by, note, null, at);
  }

  /**
   * As {@link #transition(long, LeadStatus, String, String, long)}, with the reason of a rejection
   * (already checked against the configured list) written in the same history row, in the same
   * transaction: a step is never kept without its reason.
   */
  public LeadEvent transition(long id, LeadStatus to, String by, String note, String reason, long at) {
    return store.withConnection(c -> step(c, id, to, by, note, reason, at));
  }

  /**
   * As {@link #transition(long, LeadStatus, String, String, String, long)}, inside the caller's transaction
   * ({@link Store#inTransaction}): many steps (a CRM export, a reply to the digest) land together or not at all.
   */
  public LeadEvent transitionInTransaction(long id, LeadStatus to, String by, String note, String reason, long at) {
    try {
      return step(store.connection(), id, to, by, note, reason, at);
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot record the step of lead #" + id, e);
    }
  }

  private LeadEvent step(Connection c, long id, LeadStatus to, String by, String note, String reason, long at)
      throws SQLException {
    LeadStatus from;
    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM leads WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new StarlingException("no lead #" + id + " (see 'starling leads')");
        }
        from = status(rs.getString(1));
      }
    }
    from.checkTransition(id, to);
    long asOf = new FeatureTables(store).asOf();
    try (PreparedStatement ps = c.prepareStatement("UPDATE leads SET status = ?, status_at = ? WHERE id = ?")) {
      ps.setString(1, to.code());
      ps.setLong(2, asOf > 0 ? asOf : at);
      ps.setLong(3, id);
      ps.executeUpdate();
    }
    LeadEvent event = new LeadEvent(id, Optional.of(from), to, at, Optional.ofNullable(by), Optional.ofNullable(note));
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO lead_events (lead_id, from_status, to_status, at, by, note, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setString(2, from.code());
      ps.setString(3, to.code());
      ps.setLong(4, at);
      ps.setString(5, by);
      ps.setString(6, note);
      ps.setString(7, reason);
      ps.executeUpdate();
    }
    return event;
  }

  /**
   * Where a lead stands, for recording an outcome against it.
   *
   * @param reached every status in its history (the suggestion included)
   * @param lastAt the time of its latest step (UTC ms, the real clock)
   */
  public record State(long id, Subject subject, String subjectKey, LeadStatus status, java.util.Set<LeadStatus> reached,
      long lastAt) {}

  /** Lead {@code id}'s state, if there is such a lead. */
  public Optional<State> state(long id) {
    List<State> found = states("l.id = ?", ps -> ps.setLong(1, id));
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** The leads about the person {@code email}, oldest first. */
  public List<State> statesOf(String email) {
    return states("l.subject = ? AND l.subject_key = ?", ps -> {
      ps.setString(1, Subject.SUBSCRIBER.key());
      ps.setString(2, email);
    });
  }

  private interface Bind {
    void to(PreparedStatement ps) throws SQLException;
  }

  private List<State> states(String where, Bind bind) {
    List<State> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT l.id, l.subject, l.subject_key, l.status,"
        + " e.to_status, e.at FROM leads l JOIN lead_events e ON e.lead_id = l.id WHERE " + where + " ORDER BY l.id, e.at, e.id")) {
      bind.to(ps);
      try (ResultSet rs = ps.executeQuery()) {
        long id = -1;
        java.util.Set<LeadStatus> reached = null;
        while (rs.next()) {
          if (rs.getLong(1) != id) {
            id = rs.getLong(1);
            reached = java.util.EnumSet.noneOf(LeadStatus.class);
            out.add(new State(id, subject(rs.getString(2)), rs.getString(3), status(rs.getString(4)), reached, 0));
          }
          reached.add(status(rs.getString(5)));
          State last = out.get(out.size() - 1);
          out.set(out.size() - 1, new State(last.id(), last.subject(), last.subjectKey(), last.status(), reached,
              Math.max(last.lastAt(), rs.getLong(6))));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the leads", e);
    }
    return out;
  }

  /**
   * Every lead that is rejected now, with its latest rejection's reason, when it was rejected (data time,
   * {@code status_at}) and its account: the person's (from the list, as the features make it: the feature rows
   * may wait to be written after a refresh) or the account lead's own.
   */
  public List<dev.starling.engine.leads.Suppression.Rejected> rejectedNow() {
    List<dev.starling.engine.leads.Suppression.Rejected> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT l.id, l.subject, l.subject_key, l.status_at,"
        + " (SELECT e.reason FROM lead_events e WHERE e.lead_id = l.id AND e.to_status = ? ORDER BY e.at DESC, e.id DESC"
        + " LIMIT 1), s.id, s.company, s.domain"
        + " FROM leads l LEFT JOIN subscribers s ON l.subject = ? AND s.email = l.subject_key"
        + " WHERE l.status = ? ORDER BY l.id")) {
      ps.setString(1, LeadStatus.REJECTED.code());
      ps.setString(2, Subject.SUBSCRIBER.key());
      ps.setString(3, LeadStatus.REJECTED.code());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Subject subject = subject(rs.getString(2));
          String account = subject == Subject.ACCOUNT ? rs.getString(3)
              : rs.getObject(6) == null ? null : dev.starling.engine.features.Accounts.keyOf(rs.getString(7), rs.getString(8));
          out.add(new dev.starling.engine.leads.Suppression.Rejected(rs.getLong(1), subject, rs.getString(3), account,
              rs.getString(5), rs.getLong(4)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the rejected leads", e);
    }
    return out;
  }

  /** Every step of lead {@code id}, oldest first; empty for an unknown lead. */
  public List<LeadEvent> history(long id) {
    List<LeadEvent> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT from_status, to_status, at, by, note"
        + " FROM lead_events WHERE lead_id = ? ORDER BY at, id")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String from = rs.getString(1);
          out.add(new LeadEvent(id, from == null ? Optional.empty() : Optional.of(status(from)), status(rs.getString(2)),
              rs.getLong(3), Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5))));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the history of lead #" + id, e);
    }
    return out;
  }

  private static LeadStatus status(String code) {
    return LeadStatus.valueOf(code.toUpperCase(Locale.ROOT));
  }

  private static Subject subject(String key) {
    return Subject.fromKey(key).orElseThrow(() -> new IllegalStateException("unknown lead subject '" + key + "' in the store"));
  }
}
