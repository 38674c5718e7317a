package dev.starling.engine.leads;

import dev.starling.rules.Subject;

/**
 * A lead suggestion as stored: who, which rule fired, the reason in plain language, and where it stands.
 *
 * @param subjectKey the email, or the account name
 * @param title the rule's title (its id when the rules file no longer has it)
 * @param suggestedAt the features' as-of time when it was suggested (UTC ms)
 */
public record Lead(
    long id, String week, Subject subject, String subjectKey, String ruleId, String title, int priority, String reason,
    LeadStatus status, long suggestedAt) {}
