package dev.starling.engine.leads;

/**
 * A lead suggestion as stored: who, which rule fired, the reason in plain language, and where it stands.
 *
 * @param subject {@code subscriber} or {@code account}
 * @param subjectKey the email, or the account name
 * @param status suggested, accepted, contacted, won, lost or rejected
 */
public record Lead(
    long id, String week, String subject, String subjectKey, String ruleId, String title, int priority, String reason,
    String status, long suggestedAt) {}
