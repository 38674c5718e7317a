package dev.starling.engine.ingest;

import dev.starling.engine.error.StarlingException;

/** A file could not be imported at all (missing, unreadable, of no known format); nothing of it landed. */
public final class ImportException extends StarlingException {
  public ImportException(String message) {
    super(message);
  }

  public ImportException(String message, Throwable cause) {
    super(message, cause);
  }
}
