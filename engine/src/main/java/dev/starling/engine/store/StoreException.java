package dev.starling.engine.store;

import dev.starling.engine.error.StarlingException;

/** The store could not be opened, upgraded, read or written; the message names the file. */
public final class StoreException extends StarlingException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
