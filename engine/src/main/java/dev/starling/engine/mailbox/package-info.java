/**
 * Imports report emails from an IMAP mailbox. {@link dev.starling.engine.mailbox.MailboxImporter} connects
 * to the folder a {@link dev.starling.engine.mailbox.MailboxAddress} names ({@code imap://user@host[:port]/FOLDER},
 * over TLS unless the caller allows plaintext), imports every message not yet marked {@code $StarlingImported}
 * (a delivery status notification as a whole {@code .eml}, otherwise its CSV, XLSX and JSON attachments) through
 * {@link dev.starling.engine.app.Starling#importFile}, marks each message whose files all landed, and reports a
 * {@link dev.starling.engine.mailbox.MailboxSummary} with a {@link dev.starling.engine.mailbox.MessageFailure}
 * for each message it could not import. Errors are {@link dev.starling.engine.mailbox.MailboxException}s.
 */
package dev.starling.engine.mailbox;
