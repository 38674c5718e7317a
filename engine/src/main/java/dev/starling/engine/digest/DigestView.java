package dev.starling.engine.digest;

import dev.starling.engine.leads.LeadStatus;
import dev.starling.engine.store.DigestQueries.PersonRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the templates see: the digest with every figure already formatted for the recipient, as plain maps and
 * lists (the names below are the template variables; docs/digest.md lists them for teams writing their own).
 * Text from the data stays raw here: the HTML template's engine escapes it, the text one does not need to.
 */
final class DigestView {
  /** What sales can record on a fresh suggestion (the lead's allowed first steps) ... */
  static final List<String> OUTCOMES = LeadStatus.SUGGESTED.next().stream().sorted().map(LeadStatus::code).toList();
  /** ... and the steps that follow an acceptance. */
  static final List<String> LATER = LeadStatus.ACCEPTED.next().stream().filter(x -> !LeadStatus.SUGGESTED.next().contains(x))
      .sorted().map(LeadStatus::code).toList();

  private DigestView() {}

  static Map<String, Object> of(Digest d, String replyTo, String attachmentName) {
    Salesperson to = d.recipient();
    MailFormat f = new MailFormat(to.language().locale(), to.zone());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("recipient", to.name());
    m.put("week", d.week());
    m.put("date", f.date(d.date()));
    m.put("stars", d.stars());
    m.put("opportunities", d.opportunities());
    // The counts as numbers (for plurals in the templates) and as text in the recipient's format (1.046).
    m.put("starsText", f.integer(d.stars()));
    m.put("opportunitiesText", f.integer(d.opportunities()));
    m.put("peopleTotal", f.integer(d.people().size()));
    m.put("peopleShown", d.shownPeople().size());
    m.put("peopleMore", f.integer(d.people().size() - d.shownPeople().size()));
    m.put("hasMorePeople", d.people().size() > d.shownPeople().size());
    m.put("accountsShown", d.shownAccounts().size());
    m.put("accountsMore", f.integer(d.accounts().size() - d.shownAccounts().size()));
    m.put("hasMoreAccounts", d.accounts().size() > d.shownAccounts().size());
    m.put("suggestions", f.integer(d.suggestions()));
    m.put("cap", d.cap());
    int rank = 0;
    List<Map<String, Object>> people = new ArrayList<>();
    for (DigestEntry e : d.shownPeople()) {
      people.add(entry(e, ++rank, f));
    }
    m.put("people", people);
    List<Map<String, Object>> accounts = new ArrayList<>();
    rank = 0;
    for (DigestEntry e : d.shownAccounts()) {
      Map<String, Object> a = entry(e, ++rank, f);
      List<Map<String, Object>> ps = new ArrayList<>();
      for (PersonRow p : e.people().subList(0, Math.min(10, e.people().size()))) {
        ps.add(person(p, f));
      }
      a.put("people", ps);
      a.put("peopleMore", Math.max(0, e.people().size() - 10));
      a.put("engaged14d", e.account() == null ? "" : f.integer(e.account().engaged14d()));
      a.put("newlyEngaged14d", e.account() == null ? "" : f.integer(e.account().newlyEngaged14d()));
      accounts.add(a);
    }
    m.put("accounts", accounts);
    Digest.Changes c = d.changes();
    Map<String, Object> ch = new LinkedHashMap<>();
    ch.put("firstDigest", c.comparedWith() == null);
    ch.put("comparedWith", c.comparedWith() == null ? "" : c.comparedWith());
    ch.put("newStarsCount", f.integer(c.newStars().size()));
    ch.put("newStars", c.newStars().stream().limit(d.cap()).map(p -> person(p, f)).toList());
    ch.put("coldStarsCount", f.integer(c.coldStars().size()));
    ch.put("coldStars", c.coldStars().stream().limit(d.cap()).map(p -> person(p, f)).toList());
    ch.put("resurfacedCount", f.integer(c.resurfaced().size()));
    ch.put("resurfaced", c.resurfaced().stream().limit(d.cap()).map(e -> e.name()).toList());
    ch.put("lastWeek", c.lastWeek());
    ch.put("lastWeekEntries", f.integer(c.lastWeekEntries()));
    ch.put("unanswered", f.integer(c.unanswered()));
    m.put("changes", ch);
    m.put("outcomes", String.join("|", OUTCOMES));
    m.put("laterOutcomes", String.join("|", LATER));
    m.put("replyTo", replyTo == null ? "" : replyTo);
    m.put("attachment", attachmentName);
    m.put("firstLead", d.shownPeople().isEmpty() ? (d.shownAccounts().isEmpty() ? 0 : d.shownAccounts().get(0).leadIds().get(0))
        : d.shownPeople().get(0).leadIds().get(0));
    return m;
  }

  /**
   * The SLA section's variables: {@code sla.month}, and {@code sla.team} and {@code sla.own} each with
   * {@code suggested}, {@code inTime}, {@code velocity} (with its unit, {@code 26 h}), {@code conversion} and {@code overdue},
   * formatted for the recipient; a figure with nothing to compute it from is "-".
   */
  static Map<String, Object> sla(DigestSla sla, MailFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("month", sla.month());
    m.put("team", figures(sla.team(), f));
    m.put("own", figures(sla.own(), f));
    return m;
  }

  private static Map<String, Object> figures(DigestSla.Figures x, MailFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("suggested", f.integer(x.suggested()));
    m.put("inTime", x.acceptedInTime() == null ? "-" : f.percent(x.acceptedInTime()));
    m.put("velocity", x.velocityMedianH() == null ? "-" : f.decimal(x.velocityMedianH()) + " h");
    m.put("conversion", x.conversionRate() == null ? "-" : f.percent(x.conversionRate()));
    m.put("overdue", f.integer(x.overdue()));
    return m;
  }

  private static Map<String, Object> entry(DigestEntry e, int rank, MailFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rank", rank);
    m.put("name", e.name());
    m.put("email", e.email() == null ? "" : e.email());
    m.put("company", e.company() == null ? "" : e.company());
    m.put("country", e.country() == null ? "" : e.country());
    m.put("priority", e.priority());
    m.put("score", f.decimal(e.score()));
    m.put("lastActivity", f.day(e.lastActivity()));
    m.put("star", e.star());
    m.put("resurfaced", e.resurfaced());
    m.put("ids", e.leadIds().stream().map(id -> "#" + id).collect(Collectors.joining(", ")));
    m.put("firstId", e.leadIds().get(0));
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (DigestEntry.Reason r : e.reasons()) {
      Map<String, Object> rm = new LinkedHashMap<>();
      rm.put("id", r.leadId());
      rm.put("title", r.title());
      rm.put("text", r.text());
      rm.put("priority", r.priority());
      reasons.add(rm);
    }
    m.put("reasons", reasons);
    if (e.person() != null) {
      PersonRow p = e.person();
      m.put("received", f.integer(p.received()));
      m.put("opened", f.integer(p.opened()));
      m.put("openRate", p.received() == 0 ? "" : f.percent((double) p.opened() / p.received()));
      m.put("clicks", f.integer(p.humanClicks()));
    }
    return m;
  }

  private static Map<String, Object> person(PersonRow p, MailFormat f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name() == null || p.name().isBlank() ? p.email() : p.name());
    m.put("email", p.email());
    m.put("company", p.company() == null ? "" : p.company());
    m.put("lastActivity", f.day(p.lastHumanAt() == 0 ? null : java.time.Instant.ofEpochMilli(p.lastHumanAt())));
    m.put("openRate", p.received() == 0 ? "" : f.percent((double) p.opened() / p.received()));
    m.put("opened", f.integer(p.opened()));
    m.put("received", f.integer(p.received()));
    return m;
  }
}
