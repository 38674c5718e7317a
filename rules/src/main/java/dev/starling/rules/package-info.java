/**
 * The SLA rules engine. A {@link dev.starling.rules.RuleBook} loads the rules file that sales and
 * marketing agree on (YAML: {@code id}, {@code title}, {@code applies_to}, {@code when}, {@code
 * priority}, {@code reason}, {@code cooldown_days}), compiles each {@code when} and each {@code {{ }}}
 * placeholder of a reason once as a CEL expression, type-checked against a {@link
 * dev.starling.rules.FeatureSchema}, and reports every problem of the file at once in a {@link
 * dev.starling.rules.RulesException} ({@code file:line: rule 'id': problem}).
 *
 * <p>The engine fills a {@link dev.starling.rules.Features} per subscriber or account (names and types
 * from {@link dev.starling.rules.StandardFeature}) and calls {@link
 * dev.starling.rules.RuleBook#evaluate} for the {@link dev.starling.rules.Match}es, or {@link
 * dev.starling.rules.RuleBook#explain} for why each rule did or did not fire. Expressions are
 * sandboxed by construction: CEL can reach only the declared features and its standard functions.
 * This module does no I/O beyond reading the rules file and knows no engine type; suppression and
 * cooldowns are the engine's job.
 */
package dev.starling.rules;
