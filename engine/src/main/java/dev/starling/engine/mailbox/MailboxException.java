package dev.starling.engine.mailbox;

import dev.starling.engine.error.StarlingException;

/**
 * A mailbox could not be used: a malformed address, a server that cannot be reached or refuses the login,
 * a missing folder. The message names {@code user@host:port/folder}, never the password.
 */
public final class MailboxException extends StarlingException {
  public MailboxException(String message) {
    super(message);
  }

  public MailboxException(String message, Throwable cause) {
    super(message, cause);
  }
}
