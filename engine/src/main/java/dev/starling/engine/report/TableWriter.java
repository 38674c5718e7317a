package dev.starling.engine.report;

import java.io.PrintWriter;

/**
 * Renders a {@link Table} as one output format. Implementations here: {@link TerminalTableWriter},
 * {@link CsvTableWriter}, {@link JsonTableWriter}; {@link OutputFormat} picks one by name.
 */
public interface TableWriter {
  /** Writes all of {@code table} to {@code out} and flushes it. */
  void write(Table table, PrintWriter out);
}
