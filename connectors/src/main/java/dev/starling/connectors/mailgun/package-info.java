/**
 * Mailgun Events API pages and webhook payloads: {@link dev.starling.connectors.mailgun.MailgunReader}
 * maps Mailgun's event names onto Starling's types and reads {@code client-info.bot} as the machine-open
 * flag (Gmail's image proxy counting as human).
 */
package dev.starling.connectors.mailgun;
