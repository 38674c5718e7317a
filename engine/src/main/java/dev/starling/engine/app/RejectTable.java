package dev.starling.engine.app;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import java.util.List;

/** The rows imports rejected as a {@link dev.starling.engine.report.Table} named {@code rejects}, cells in {@link #COLUMNS} order. */
public final class RejectTable {
  public static final String NAME = "rejects";

  public static final List<Column> COLUMNS = List.of(
      Column.of("import_id", ColumnType.INTEGER),
      Column.of("file", ColumnType.TEXT),
      Column.of("line", ColumnType.INTEGER),
      Column.of("reason", ColumnType.TEXT),
      Column.of("raw", ColumnType.TEXT));

  private RejectTable() {}
}
