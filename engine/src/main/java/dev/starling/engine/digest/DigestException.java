package dev.starling.engine.digest;

import dev.starling.engine.error.StarlingException;

/** The digest cannot be made or sent: a broken template, no salespeople configured, no SMTP settings. */
public final class DigestException extends StarlingException {
  public DigestException(String message) {
    super(message);
  }

  public DigestException(String message, Throwable cause) {
    super(message, cause);
  }
}
