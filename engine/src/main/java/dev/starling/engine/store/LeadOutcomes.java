package dev.starling.engine.store;

import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.leads.LeadTimeline;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What sales made of the leads, read back from {@code lead_events} (where {@link LeadBook#transition}
 * writes each step with its rejection reason, in one transaction): the leads listed by status, owner and
 * rule, and every lead's steps for the SLA figures.
 */
public final class LeadOutcomes {
  private final Store store;

  public LeadOutcomes(Store store) {
    this.store = store;
  }

  /**
   * One step of a lead's life with the lead's fixed facts beside it (one row of the join).
   *
   * @param at when the step was recorded (UTC ms, the real clock)
   * @param by who recorded it, or {@code null}
   * @param reason the rejection reason, or {@code null}
   */
  public record Step(long leadId, String week, String subject, String subjectKey, String ruleId, LeadStatus current,
      LeadStatus to, long at, String by, String note, String reason) {}

  /** The timelines of {@code steps}, which come ordered by lead, then time ({@link #steps()}). */
  public static List<LeadTimeline> timelines(List<Step> steps) {
    List<LeadTimeline> out = new ArrayList<>();
    int i = 0;
    while (i < steps.size()) {
      Step head = steps.get(i);
      Map<LeadStatus, Long> first = new EnumMap<>(LeadStatus.class);
      String owner = null;
      String reason = null;
      for (; i < steps.size() && steps.get(i).leadId() == head.leadId(); i++) {
        Step s = steps.get(i);
        first.putIfAbsent(s.to(), s.at());
        if (s.by() != null) {
          owner = s.by();
        }
        if (s.to() == LeadStatus.REJECTED) {
          reason = s.reason();
        }
      }
      // Every lead has its suggestion step (migration 005 wrote one for older leads).
      long suggested = first.getOrDefault(LeadStatus.SUGGESTED, steps.get(i - 1).at());
      out.add(new LeadTimeline(head.leadId(), head.week(), head.subject(), head.subjectKey(), head.ruleId(), head.current(),
          suggested, first, owner, reason));
    }
    return out;
  }

  /** Every step of every lead, ordered by lead, then time: one pass builds each lead's timeline. */
  public List<Step> steps() {
    return select("", null);
  }

  /** The steps of lead {@code id}, oldest first; empty for an unknown lead. */
  public List<Step> steps(long id) {
    return select(" WHERE l.id = ?", id);
  }

  private List<Step> select(String where, Long id) {
    List<Step> out = new ArrayList<>();
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT l.id, l.week, l.subject, l.subject_key,"
        + " l.rule_id, l.status, e.to_status, e.at, e.by, e.note, e.reason FROM leads l JOIN lead_events e ON e.lead_id = l.id"
        + where + " ORDER BY l.id, e.at, e.id")) {
      if (id != null) {
        ps.setLong(1, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Step(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              status(rs.getString(6)), status(rs.getString(7)), rs.getLong(8), rs.getString(9), rs.getString(10),
              rs.getString(11)));
        }
      }
    } catch (SQLException e) {
      throw Queries.failed(store, id == null ? "cannot read the leads' history" : "cannot read the history of lead #" + id, e);
    }
    return out;
  }

  /** Whether lead {@code id} exists. */
  public Optional<LeadStatus> status(long id) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT status FROM leads WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(status(rs.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read lead #" + id, e);
    }
  }

  private static LeadStatus status(String code) {
    return LeadStatus.valueOf(code.toUpperCase(Locale.ROOT));
  }
}
