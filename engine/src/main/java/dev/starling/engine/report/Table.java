package dev.starling.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A result as every output sees it: a name, typed columns and rows. Queries produce tables; writers
 * (terminal, CSV, JSON, xlsx, mail) render them. Rows are produced on demand by {@link #forEachRow},
 * so a million-row table streams from the store to an xlsx sheet without being held in memory.
 *
 * <p>Each row is an {@code Object[]} with one cell per column, of the Java type its
 * {@link ColumnType} names, or {@code null}. A writer must not keep the array after the call.
 *
 * @param name the stable, machine name ({@code campaigns}, {@code stars}); also the key of its
 *     translated title in {@code Labels} ({@code table.<name>})
 */
public record Table(String name, List<Column> columns, Rows rows) {
  public Table {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    Objects.requireNonNull(rows, "rows");
  }

  /** A source of rows, read once per writer. */
  @FunctionalInterface
  public interface Rows {
    void forEach(Consumer<Object[]> sink);
  }

  /** A table over rows already in memory (small results). */
  public static Table of(String name, List<Column> columns, List<Object[]> rows) {
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException("table " + name + ": a row has " + row.length + " cells for "
            + columns.size() + " columns");
      }
    }
    List<Object[]> copy = List.copyOf(rows);
    return new Table(name, columns, sink -> copy.forEach(sink));
  }

  public void forEachRow(Consumer<Object[]> sink) {
    rows.forEach(sink);
  }

  /** Every row, in memory: for tests and small tables only. */
  public List<Object[]> materialise() {
    List<Object[]> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.clone()));
    return out;
  }

  /**
   * The same rows with only the columns {@code keys}, in that order: a shorter view for people (the
   * terminal, a mail) of a table whose CSV and JSON keep every column.
   *
   * @throws IllegalArgumentException if a key names no column
   */
  public Table select(List<String> keys) {
    int[] index = new int[keys.size()];
    List<Column> picked = new ArrayList<>();
    for (int i = 0; i < index.length; i++) {
      index[i] = indexOf(keys.get(i));
      if (index[i] < 0) {
        throw new IllegalArgumentException("table " + name + " has no column '" + keys.get(i) + "'");
      }
      picked.add(columns.get(index[i]));
    }
    return new Table(name, picked, sink -> rows.forEach(row -> {
      Object[] out = new Object[index.length];
      for (int i = 0; i < index.length; i++) {
        out[i] = row[index[i]];
      }
      sink.accept(out);
    }));
  }

  /** The index of the column named {@code key}, or -1. */
  public int indexOf(String key) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).key().equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
