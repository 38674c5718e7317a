package dev.starling.connectors.bounce;

import dev.starling.connectors.BounceKind;

/**
 * A failed recipient's class and the rule that gave it.
 *
 * @param kind hard, soft or block
 * @param line the rule's line in the rule table
 * @param rule the rule as written, without its comment ("status 5.2.2")
 * @param reason the rule's comment: why this class
 * @param specific whether the rule looked at more than the class digit: {@code false} for the
 *     class-digit fallbacks and the default, where a provider's own typed verdict knows more
 */
public record Verdict(BounceKind kind, int line, String rule, String reason, boolean specific) {}
