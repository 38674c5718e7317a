/**
 * Bounce mail. {@link dev.starling.connectors.dsn.DsnMessages} turns one message (from a file or an
 * IMAP fetch) into bounces (RFC 3464 delivery status notifications, with the quirks real servers write,
 * and the plain-text bounces of qmail, Exim and Sendmail), complaints (RFC 5965 feedback reports), or
 * skipped items (auto-replies, delay warnings, success notices), each bounce classed hard, soft or
 * block by {@link dev.starling.connectors.bounce.BounceRules} and tied to its campaign through the
 * returned original headers when they name one; {@link dev.starling.connectors.dsn.DsnReader} reads a
 * single .eml file or streams an mbox message by message, keeping the first megabyte of each.
 */
package dev.starling.connectors.dsn;
