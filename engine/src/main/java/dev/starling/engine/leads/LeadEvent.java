package dev.starling.engine.leads;

import java.util.Optional;

/**
 * One step in a lead's life, as kept in {@code lead_events}: the suggestion itself ({@code from} empty),
 * then every status sales gave it. Time from suggestion to acceptance, or from acceptance to a win, is
 * the difference of two steps' {@code at}.
 *
 * @param at when the step was recorded (UTC ms)
 * @param by who recorded it, when said ({@code --by})
 * @param note why, when said ({@code --note})
 */
public record LeadEvent(long leadId, Optional<LeadStatus> from, LeadStatus to, long at, Optional<String> by,
    Optional<String> note) {}
