/**
 * The weekly digest for sales. {@link dev.starling.engine.digest.DigestJob} runs it:
 * {@link dev.starling.engine.digest.DigestPlan} reads the week's suggestions (through the store's
 * {@code DigestQueries}), merges them into one {@link dev.starling.engine.digest.DigestEntry} per person or
 * account, routes each to one {@link dev.starling.engine.digest.Salesperson} by the
 * {@link dev.starling.engine.digest.Routing} of starling.yaml, ranks and caps them, and works out what changed
 * since last week; each {@link dev.starling.engine.digest.Digest} is rendered by Pebble templates (HTML and text,
 * Spanish and English, overridable from the data directory), given its .xlsx attachment (the report tables of
 * {@code DigestTable}), and sent by {@link dev.starling.engine.digest.DigestMailer} over SMTP with retries, or
 * written as an .eml file on a dry run. Nothing here knows the CLI; nothing here touches SQL.
 */
package dev.starling.engine.digest;
