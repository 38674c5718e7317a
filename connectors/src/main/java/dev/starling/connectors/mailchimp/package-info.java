/**
 * Mailchimp exports. {@link dev.starling.connectors.mailchimp.MailchimpActivityReader} streams the
 * Reports API email-activity JSON (per-recipient opens, clicks and bounces of one campaign);
 * {@link dev.starling.connectors.mailchimp.MailchimpAudienceReader} reads audience (list) exports, the
 * CSV files of subscribed, unsubscribed and cleaned members, alone or in their .zip, as subscribers with
 * their list status. Mailchimp writes CSV times without a zone; they are read as UTC.
 */
package dev.starling.connectors.mailchimp;
