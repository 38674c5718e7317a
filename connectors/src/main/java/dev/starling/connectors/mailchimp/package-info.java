/**
 * Mailchimp exports. {@link dev.starling.connectors.mailchimp.MailchimpActivityReader} streams the
 * Reports API email-activity JSON (per-recipient opens, clicks and bounces of one campaign); audience
 * (list) exports, the CSV files of subscribed, unsubscribed and cleaned members, belong here too.
 */
package dev.starling.connectors.mailchimp;
