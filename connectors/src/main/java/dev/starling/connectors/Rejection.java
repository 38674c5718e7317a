package dev.starling.connectors;

import java.util.Objects;

/**
 * A row that could not be read, kept with its place and the reason, never silently dropped.
 *
 * @param source the file name, URL or message id the row came from
 * @param line 1-based line (or record number) within the source; 0 when the whole source is refused
 * @param reason what is wrong, which value, and what was expected
 * @param raw the row's original text as far as it is known (may be empty), so it can be fixed and re-imported
 */
public record Rejection(String source, long line, String reason, String raw) implements ReadResult {
  public Rejection {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    raw = raw == null ? "" : raw;
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0 but was " + line);
    }
  }

  /** {@code file:line: reason}, the form every user-facing message uses. */
  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ": " + reason : source + ": " + reason;
  }
}
