package dev.starling.connectors.spreadsheet;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.UnreadableSourceException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * The loop every "header row, then data rows" CSV reader shares: the first row goes to
 * {@link #header}, blank rows are skipped, each other row goes to {@link #row}, which may emit several
 * results; an {@link IllegalArgumentException} from it becomes a rejection naming the line, and the
 * results it emitted before stay. An empty file, an unreadable one, or a header refused by the reader
 * is one rejection. A table that breaks down part way ({@link UnreadableSourceException}) is thrown on,
 * so that the caller refuses the whole file instead of keeping its first part.
 */
public abstract class HeaderedTableReader implements FactReader {
  protected final String source;
  protected final CsvTable table;
  private final Deque<ReadResult> pending = new ArrayDeque<>();
  private boolean headerRead;
  private boolean done;

  protected HeaderedTableReader(String source, CsvTable table) {
    this.source = source;
    this.table = table;
  }

  /** Reads the header row; returns a rejection that ends the file, or {@code null} to go on. */
  protected abstract Rejection header(TableRow row);

  /**
   * Turns one data row into results.
   *
   * @throws IllegalArgumentException naming the column and value, for a row that cannot be read
   */
  protected abstract void row(TableRow row, Consumer<ReadResult> emit);

  @Override
  public final ReadResult next() throws IOException {
    while (pending.isEmpty()) {
      if (done) {
        return null;
      }
      TableRow row;
      try {
        row = table.next();
      } catch (UnreadableSourceException e) {
        done = true;
        throw e; // the rest cannot be read as rows: the file is refused whole, never cut short
      } catch (IOException e) {
        done = true;
        return new Rejection(source, 0, e.getMessage(), "");
      }
      if (row == null) {
        done = true;
        return headerRead ? null : new Rejection(source, 0, "file is empty (a header row is required)", "");
      }
      if (!headerRead) {
        headerRead = true;
        Rejection bad = header(row);
        if (bad != null) {
          done = true;
          return bad;
        }
        continue;
      }
      if (row.isBlank()) {
        continue;
      }
      try {
        row(row, pending::add);
      } catch (IllegalArgumentException e) {
        pending.add(new Rejection(source, row.line(), e.getMessage(), row.raw(table.separator())));
      }
    }
    return pending.poll();
  }

  @Override
  public void close() throws IOException {
    table.close();
  }
}
