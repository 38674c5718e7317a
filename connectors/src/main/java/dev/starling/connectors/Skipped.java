package dev.starling.connectors;

import java.util.Objects;

/**
 * Something a source holds that is recognised and deliberately not imported: an auto-reply, a
 * delivery-success or delay notice in a bounce mailbox. Unlike a {@link Rejection} nothing is wrong
 * with it, so it is counted by reason rather than kept for fixing.
 *
 * @param source the file name, URL or mailbox the item came from
 * @param line 1-based line or message number within the source
 * @param reason what the item is, a short phrase that is the same for every item of its kind
 *     ("auto-reply (RFC 3834)"), so summaries can count by it
 * @param about the item's own identification (a Message-ID and subject), for the curious
 */
public record Skipped(String source, long line, String reason, String about) implements ReadResult {
  public Skipped {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
    about = about == null ? "" : about;
  }

  @Override
  public String toString() {
    return source + ":" + line + ": skipped: " + reason;
  }
}
