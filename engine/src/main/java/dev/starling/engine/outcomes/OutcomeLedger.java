package dev.starling.engine.outcomes;

import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.store.LeadBook;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Records outcomes against the stored leads inside the caller's transaction, one at a time, in the order
 * read, so a file may move a lead through several steps (accepted, then won).
 *
 * <p>The rules, in order: a lead named by id must exist (and be about the row's email, when both are
 * given); a lead named by email is the one of that person's leads whose status can take the step (two
 * such leads are ambiguous); a status the lead already had in its history is skipped as already
 * recorded, which makes importing the same file again change nothing; any other step the lead's status
 * does not allow is refused with the same words as {@code starling lead}, so a lead never moves backwards
 * silently. A step dated before the lead's latest step is refused, except a bare day on the same day,
 * which is taken as the latest step's time (a CRM knows the day, not the hour).
 */
final class OutcomeLedger {
  /** What became of one outcome. */
  enum Kind { RECORDED, ALREADY_RECORDED, REJECTED }

  /**
   * @param message why it was refused ({@link Kind#REJECTED}), else {@code null}
   */
  record Verdict(Kind kind, String message) {
    static final Verdict RECORDED = new Verdict(Kind.RECORDED, null);
    static final Verdict ALREADY = new Verdict(Kind.ALREADY_RECORDED, null);

    static Verdict rejected(String message) {
      return new Verdict(Kind.REJECTED, message);
    }
  }

  private final LeadBook leads;
  private final ZoneId zone;
  private final long now;

  /**
   * @param zone the team's time zone: a bare day starts there
   * @param now the real clock's time, stamped on steps that carry no date
   */
  OutcomeLedger(LeadBook leads, ZoneId zone, long now) {
    this.leads = leads;
    this.zone = zone;
    this.now = now;
  }

  Verdict record(Outcome o) {
    LeadBook.State lead;
    if (o.leadId() != null) {
      var found = leads.state(o.leadId());
      if (found.isEmpty()) {
        return Verdict.rejected("no lead #" + o.leadId());
      }
      lead = found.get();
      if (o.email() != null && !o.email().equals(lead.subjectKey())) {
        return Verdict.rejected("lead #" + lead.id() + " is about " + lead.subjectKey() + ", not " + o.email());
      }
    } else {
      List<LeadBook.State> theirs = leads.statesOf(o.email());
      if (theirs.isEmpty()) {
        return Verdict.rejected("no lead about " + o.email());
      }
      List<LeadBook.State> open = theirs.stream().filter(l -> l.status().canBecome(o.status())).toList();
      if (open.size() > 1) {
        return Verdict.rejected(o.email() + " has " + open.size() + " leads that can become " + o.status().code() + " ("
            + open.stream().map(l -> "#" + l.id()).collect(Collectors.joining(", ")) + "): name the lead by its number");
      }
      if (open.isEmpty()) {
        List<LeadBook.State> had = theirs.stream().filter(l -> l.reached().contains(o.status())).toList();
        if (!had.isEmpty()) {
          return Verdict.ALREADY;
        }
        if (theirs.size() > 1) {
          return Verdict.rejected("none of " + o.email() + "'s leads can become " + o.status().code() + " ("
              + theirs.stream().map(l -> "#" + l.id() + " " + l.status().code()).collect(Collectors.joining(", ")) + ")");
        }
      }
      lead = open.isEmpty() ? theirs.get(0) : open.get(0);
    }
    if (lead.reached().contains(o.status())) {
      return Verdict.ALREADY;
    }
    if (!lead.status().canBecome(o.status())) {
      try {
        lead.status().checkTransition(lead.id(), o.status());
      } catch (RuntimeException e) {
        return Verdict.rejected(e.getMessage());
      }
    }
    long at;
    if (o.at() == null) {
      at = now;
    } else {
      at = o.at();
      if (at > now) {
        return Verdict.rejected("the date " + shown(at, o.dayOnly()) + " is in the future");
      }
      if (at < lead.lastAt()) {
        boolean sameDay = o.dayOnly() && Instant.ofEpochMilli(at).atZone(zone).toLocalDate()
            .equals(Instant.ofEpochMilli(lead.lastAt()).atZone(zone).toLocalDate());
        if (!sameDay) {
          return Verdict.rejected("the date " + shown(at, o.dayOnly()) + " is before lead #" + lead.id() + "'s latest step ("
              + shown(lead.lastAt(), false) + ")");
        }
        at = lead.lastAt();
      }
    }
    leads.transitionInTransaction(lead.id(), o.status(), o.by(), o.note(), o.reason(), at);
    return Verdict.RECORDED;
  }

  private String shown(long at, boolean dayOnly) {
    return DateTimeFormatter.ofPattern(dayOnly ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm VV", Locale.ROOT)
        .format(Instant.ofEpochMilli(at).atZone(zone));
  }
}
