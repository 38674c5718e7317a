package dev.starling.engine.store;

import dev.starling.engine.error.StarlingException;

/** The store could not be opened, upgraded, read or written; the message names the file. */
public final class StoreException extends StarlingException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A statement of a repository failed: names the operation, keeps the driver's message and the cause. */
  static StoreException failed(String operation, java.sql.SQLException e) {
    return new StoreException("store: " + operation + " failed: " + e.getMessage(), e);
  }
}
