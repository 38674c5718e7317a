package dev.starling.engine.index;

import dev.starling.engine.error.StarlingException;

/** A query the search cannot read: its one-line message names the column and what was wrong there. */
public final class SearchQueryException extends StarlingException {
  SearchQueryException(String message) {
    super(message);
  }
}
