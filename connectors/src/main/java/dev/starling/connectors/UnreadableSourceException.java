package dev.starling.connectors;

import java.io.IOException;
import java.util.Objects;

/**
 * A source that cannot be read on past some point, so none of it may be trusted: a quote opened and
 * never closed in a format whose records span lines, a malformed stream of JSON, an .xlsx sheet whose
 * XML breaks off. A reader throws it from {@link FactReader#next()} instead of ending early, because
 * ending early would drop the rest of the file unseen; the caller refuses the whole file (an import
 * rolls back and does not record the file as imported). Where the format lets a reader resume at the
 * next line, it rejects the bad line as a {@link Rejection} instead and never throws this.
 *
 * <p>The message is the one-line {@code file:line: reason} every user-facing message uses.
 */
public final class UnreadableSourceException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;
  private final String reason;

  /**
   * @param line 1-based line (or record, or sheet row) where reading broke down; 0 when unknown
   */
  public UnreadableSourceException(String source, long line, String reason, Throwable cause) {
    super((line > 0 ? source + ":" + line + ": " : source + ": ") + Objects.requireNonNull(reason, "reason"), cause);
    this.source = Objects.requireNonNull(source, "source");
    this.line = line;
    this.reason = reason;
  }

  public UnreadableSourceException(String source, long line, String reason) {
    this(source, line, reason, null);
  }

  public String source() {
    return source;
  }

  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
