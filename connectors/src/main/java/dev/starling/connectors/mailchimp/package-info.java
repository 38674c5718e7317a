/**
 * Mailchimp exports. An audience export (the subscribed, unsubscribed and cleaned member CSVs, alone or
 * in their .zip) gives subscribers with their list status, read by
 * {@link dev.starling.connectors.mailchimp.MailchimpAudienceReader}; campaign activity exports give
 * per-recipient events. Mailchimp writes times without a zone; they are read as UTC.
 */
package dev.starling.connectors.mailchimp;
