/**
 * Bounce classes from the standards, not from the first digit of a code. {@link
 * dev.starling.connectors.bounce.BounceRules#standard()} reads the shipped rule table
 * ({@code bounce-rules.txt}: one commented rule a line over the RFC 3463 enhanced status code, the SMTP
 * reply code and the diagnostic's wording) and {@link dev.starling.connectors.bounce.BounceRules#classify}
 * turns a failed recipient into a {@link dev.starling.connectors.bounce.Verdict}: hard, soft or block,
 * with the rule that decided. The bounce-mail reader and the ESP readers both use it.
 */
package dev.starling.connectors.bounce;
