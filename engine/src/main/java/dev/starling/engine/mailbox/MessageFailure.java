package dev.starling.engine.mailbox;

import java.util.Objects;

/**
 * A message that could not be imported; it stays unmarked, so the next run tries it again.
 *
 * @param messageNumber the message's number in the folder (1-based, as the server counts)
 * @param messageId its {@code Message-ID} header, or {@code "(no Message-ID)"}
 * @param reason what went wrong, naming the attachment (or {@code message-N.eml}) that failed
 */
public record MessageFailure(int messageNumber, String messageId, String reason) {
  public MessageFailure {
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "message " + messageNumber + " " + messageId + ": " + reason;
  }
}
