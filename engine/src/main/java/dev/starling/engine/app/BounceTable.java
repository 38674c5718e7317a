package dev.starling.engine.app;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import java.util.List;

/** The stored bounces as a {@link dev.starling.engine.report.Table} named {@code bounces}, cells in {@link #COLUMNS} order. */
public final class BounceTable {
  public static final String NAME = "bounces";

  public static final List<Column> COLUMNS = List.of(
      Column.of("email", ColumnType.EMAIL),
      Column.of("at", ColumnType.TIME),
      Column.of("campaign_id", ColumnType.TEXT),
      Column.of("class", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT),
      Column.of("reply_code", ColumnType.INTEGER),
      Column.of("diagnostic", ColumnType.TEXT),
      Column.of("source", ColumnType.TEXT));

  private BounceTable() {}
}
