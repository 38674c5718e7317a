/**
 * SendGrid (Twilio) Event Webhook payloads: {@link dev.starling.connectors.sendgrid.SendGridReader}
 * reads a JSON array of events or NDJSON, maps SendGrid's event names onto Starling's event types, and
 * keeps {@code sg_event_id} for deduplication and {@code sg_machine_open} as the machine-open flag.
 */
package dev.starling.connectors.sendgrid;
