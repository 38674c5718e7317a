/**
 * What the provider JSON readers share: {@link dev.starling.connectors.json.JsonRecords} splits a file
 * into records without loading it (a streamed array, or NDJSON lines with resynchronisation after a bad
 * line), {@link dev.starling.connectors.json.JsonEventReader} is the reading loop each provider reader
 * extends, and {@link dev.starling.connectors.json.Json} reads typed fields with messages that name the
 * field and the value. Not an API of its own: it serves the {@code sendgrid}, {@code ses},
 * {@code mailgun}, {@code postmark} and {@code mailchimp} packages.
 */
package dev.starling.connectors.json;
