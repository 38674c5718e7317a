package dev.starling.engine.store;

/**
 * The SQLite-only constructs of the read side (features, replay, explain, leads), in one place until
 * they join the store's {@code Dialect} seam: a PostgreSQL store answers these with its own spelling.
 */
final class SqliteReadDialect {
  private SqliteReadDialect() {}

  /** The largest of several values in one row: SQLite's multi-argument {@code max} (PostgreSQL: {@code greatest}). */
  static String greatest(String... expressions) {
    return "max(" + String.join(", ", expressions) + ")";
  }

  /**
   * {@code numerator / denominator} of two integer columns as a double: SQLite's REAL is 8 bytes
   * (PostgreSQL's REAL is 4; it would say {@code DOUBLE PRECISION}).
   */
  static String ratio(String numerator, String denominator) {
    return "CAST(" + numerator + " AS REAL) / " + denominator;
  }
}
