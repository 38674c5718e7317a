package dev.starling.engine.outcomes;

import dev.starling.engine.leads.LeadStatus;

/**
 * One outcome sales reports, as read from a CRM row or a reply line, before it is matched to a lead.
 *
 * @param source the file name or the reply's name, for {@code source:line:} messages
 * @param line the CSV line, sheet row or reply line
 * @param leadId the lead's number when given, else {@code null}
 * @param email the person's address when given (lower-cased), else {@code null}
 * @param at when it happened (UTC ms), or {@code null} for now
 * @param dayOnly whether {@code at} is a day without a time of day (its start, in the team's zone)
 * @param by who, or {@code null}
 * @param note why, or {@code null}
 * @param reason a rejection's reason from the configured list, or {@code null}
 * @param raw the row's text, kept with a rejection
 */
public record Outcome(String source, long line, Long leadId, String email, LeadStatus status, Long at, boolean dayOnly,
    String by, String note, String reason, String raw) {}
