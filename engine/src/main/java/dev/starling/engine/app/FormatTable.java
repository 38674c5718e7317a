package dev.starling.engine.app;

import dev.starling.connectors.Format;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.util.Arrays;
import java.util.List;

/** The file formats {@code starling import} reads, as a {@link Table} named {@code formats}. */
public final class FormatTable {
  public static final String NAME = "formats";

  public static final List<Column> COLUMNS = List.of(Column.of("format", ColumnType.TEXT), Column.of("description", ColumnType.TEXT));

  private FormatTable() {}

  public static Table of() {
    return Table.of(NAME, COLUMNS, Arrays.stream(Format.values()).map(f -> new Object[] {f.id(), f.description()}).toList());
  }
}
