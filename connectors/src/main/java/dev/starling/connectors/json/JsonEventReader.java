package dev.starling.connectors.json;

import dev.starling.connectors.Fact;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The shared loop of the provider JSON readers: takes records from {@link JsonRecords}, turns a record
 * that is not JSON into a rejection, and lets the subclass turn each parsed record into zero or more
 * results (one SES bounce names several recipients; one Mailchimp email holds several activities).
 */
public abstract class JsonEventReader implements FactReader {

  private final JsonRecords records;
  private final ArrayDeque<ReadResult> queue = new ArrayDeque<>();
  protected final String source;
  private boolean ended;

  protected JsonEventReader(JsonRecords records, String source) {
    this.records = records;
    this.source = source;
  }

  /**
   * Converts one parsed record. An {@link IllegalArgumentException} thrown here becomes a rejection of
   * the whole record; use {@link #attempt} to reject one event of a record and keep the others.
   */
  protected abstract void convert(JsonRecord record, Consumer<ReadResult> out);

  /** Called once at the end of the file, for results that depend on the whole file. */
  protected void finish(Consumer<ReadResult> out) {}

  /** The fact {@code make} builds, or a rejection of {@code record} with the message it threw. */
  protected final ReadResult attempt(JsonRecord record, Supplier<? extends Fact> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      return record.reject(source, e.getMessage());
    }
  }

  @Override
  public final ReadResult next() throws IOException {
    while (queue.isEmpty()) {
      JsonRecord r;
      try {
        r = records.next();
      } catch (java.io.CharConversionException e) {
        // Jackson guesses UTF-16/32 from zero bytes at the start and then fails on a plain
        // IOException (found by ReadersFuzzTest#postmark): the file is refused like any unreadable JSON.
        throw new dev.starling.connectors.UnreadableSourceException(source, 0,
            "is not UTF-8 JSON text (" + e.getMessage() + ")", e);
      }
      if (r == null) {
        if (!ended) {
          ended = true;
          finish(queue::add);
          continue;
        }
        return null;
      }
      if (r.problem() != null) {
        queue.add(r.reject(source, r.problem()));
        continue;
      }
      if (!r.node().isObject()) {
        queue.add(r.reject(source, "must be a JSON object but was " + Json.shape(r.node())));
        continue;
      }
      try {
        convert(r, queue::add);
      } catch (IllegalArgumentException e) {
        queue.add(r.reject(source, e.getMessage()));
      }
    }
    return queue.poll();
  }

  @Override
  public String contentKind() {
    return "events";
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
