package dev.starling.engine.report;

/**
 * What a column holds, which decides how each writer shows it. The Java type of a cell value is fixed
 * per type so writers never guess: a {@code null} cell is empty in every writer.
 */
public enum ColumnType {
  /** Free text from data or from us ({@link String}); neutralised by every writer. */
  TEXT,
  /** An email address ({@link String}). */
  EMAIL,
  /** A whole number ({@link Long} or {@link Integer}). */
  INTEGER,
  /** A number with decimals ({@link Double}), e.g. a score. */
  DECIMAL,
  /** A share in [0, 1] ({@link Double}), shown as a percentage by human writers; raw in CSV and JSON. */
  RATIO,
  /** An instant ({@link java.time.Instant}), shown in the reader's time zone by human writers. */
  TIME,
  /** A calendar date ({@link java.time.LocalDate}). */
  DATE;
}
