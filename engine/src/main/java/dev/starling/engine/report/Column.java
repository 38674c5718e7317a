package dev.starling.engine.report;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a {@link Table}.
 *
 * @param key the stable, machine name: the CSV header and the JSON field ({@code email}, {@code human_open_rate});
 *     also the key of its translated label in {@code Labels} ({@code column.<key>})
 * @param type what the cells hold
 */
public record Column(String key, ColumnType type) {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");

  public Column {
    Objects.requireNonNull(type, "type");
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("a column key is snake_case ASCII but was '" + key + "'");
    }
  }

  public static Column of(String key, ColumnType type) {
    return new Column(key, type);
  }
}
