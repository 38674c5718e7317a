package dev.starling.engine.index;

import dev.starling.engine.error.StarlingException;

/** The index directory cannot be read or written (disk full, permissions): what failed, and where. */
public final class IndexException extends StarlingException {
  IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
