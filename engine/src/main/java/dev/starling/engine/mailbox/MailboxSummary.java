package dev.starling.engine.mailbox;

import dev.starling.engine.ingest.ImportSummary;
import java.util.List;

/**
 * What one pass over a mailbox folder did. Every message seen is counted in exactly one of imported,
 * skipped, ignored or failures.
 *
 * @param mailbox the folder read
 * @param messagesSeen messages in the folder
 * @param messagesImported messages whose report (a DSN or at least one attachment) was imported and which are
 *     now marked {@code $StarlingImported}
 * @param messagesSkipped messages already marked by an earlier run
 * @param messagesIgnored messages with nothing to import (no DSN, no importable attachment); marked as well
 * @param files one summary per file imported, in mailbox order, including files of a message that failed later
 * @param failures messages left unmarked because an import failed
 */
public record MailboxSummary(
    MailboxAddress mailbox,
    int messagesSeen,
    int messagesImported,
    int messagesSkipped,
    int messagesIgnored,
    List<ImportSummary> files,
    List<MessageFailure> failures) {

  public MailboxSummary {
    files = List.copyOf(files);
    failures = List.copyOf(failures);
  }
}
