package dev.starling.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * When repeated soft bounces suppress a person: {@code count} soft bounces in as many different
 * campaigns within {@code spanDays} days (default 3 in 30). A bounce no campaign was found for counts
 * as a campaign of its own.
 */
public record SoftBounceLimit(int count, int spanDays) {
  public static final SoftBounceLimit DEFAULT = new SoftBounceLimit(3, 30);

  public SoftBounceLimit {
    if (count < 1) {
      throw new IllegalArgumentException("bounces.soft-limit must be at least 1 but was " + count);
    }
    if (spanDays < 1) {
      throw new IllegalArgumentException("bounces.soft-span-days must be at least 1 but was " + spanDays);
    }
  }

  /** Whether the soft bounces {@code query} yields ({@code at, campaign key}, oldest first) reach the limit. */
  boolean reached(PreparedStatement query) throws SQLException {
    long span = spanDays * 24L * 3600 * 1000;
    java.util.ArrayDeque<long[]> window = new java.util.ArrayDeque<>();
    try (ResultSet rs = query.executeQuery()) {
      while (rs.next()) {
        long at = rs.getLong(1);
        long campaign = rs.getLong(2);
        window.addLast(new long[] {at, campaign});
        while (window.peekFirst()[0] < at - span) {
          window.removeFirst();
        }
        if (window.stream().mapToLong(w -> w[1]).distinct().count() >= count) {
          return true;
        }
      }
    }
    return false;
  }
}
