package dev.starling.connectors;

import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of read results from one source. Readers stream: they hold one row at a time, never the
 * whole source. A bad row comes back as a {@link Rejection}; only a failure to read the bytes at all
 * throws.
 */
public interface FactReader extends Closeable {

  /** The next result, or {@code null} at the end of the source. */
  ReadResult next() throws IOException;

  /** What this source turned out to hold (e.g. "events", "subscribers"), for summaries. */
  String contentKind();
}
