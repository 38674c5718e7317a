package dev.starling.connectors.spreadsheet;

import java.io.Closeable;
import java.io.IOException;

/** Rows of a table, one at a time: a CSV file ({@link CsvTable}) or the first sheet of an .xlsx file. */
public interface RowSource extends Closeable {

  /**
   * The next row, or {@code null} at the end.
   *
   * @throws IOException when the bytes cannot be read or parsed at all (not for a bad value)
   */
  TableRow next() throws IOException;

  /** The separator to join cells with when quoting a row back in a rejection. */
  char separator();
}
