/**
 * Postmark webhook bodies: {@link dev.starling.connectors.postmark.PostmarkReader} reads Delivery,
 * Bounce, SpamComplaint, Open, Click and SubscriptionChange records and classifies Postmark's bounce
 * types into hard, soft and not-a-bounce.
 */
package dev.starling.connectors.postmark;
