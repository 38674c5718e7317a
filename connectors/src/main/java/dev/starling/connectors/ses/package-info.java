/**
 * Amazon SES event publishing and legacy feedback notifications:
 * {@link dev.starling.connectors.ses.SesReader} reads them bare or inside SNS envelopes, one event per
 * recipient, with a composite event id because SES has none.
 */
package dev.starling.connectors.ses;
