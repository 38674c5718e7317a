/**
 * Bounce mail: RFC 3464 delivery status notifications. {@link dev.starling.connectors.dsn.DsnMessages}
 * turns one message (from a file or an IMAP fetch) into bounce events — hard for 5.x.x, soft for 4.x.x
 * — tied to their campaign through the returned original headers; {@link dev.starling.connectors.dsn.DsnReader}
 * reads a single .eml file or streams an mbox message by message.
 */
package dev.starling.connectors.dsn;
