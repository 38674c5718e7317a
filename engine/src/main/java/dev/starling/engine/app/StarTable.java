package dev.starling.engine.app;

import dev.starling.engine.features.Star;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.time.Instant;
import java.util.List;

/** Star subscribers as a {@link Table} named {@code stars}: the one definition every output shares. */
public final class StarTable {
  public static final String NAME = "stars";

  /** The columns; their keys are the CSV header people's spreadsheets already use. */
  public static final List<Column> COLUMNS = List.of(
      Column.of("email", ColumnType.EMAIL),
      Column.of("name", ColumnType.TEXT),
      Column.of("company", ColumnType.TEXT),
      Column.of("received", ColumnType.INTEGER),
      Column.of("opened", ColumnType.INTEGER),
      Column.of("ratio", ColumnType.RATIO),
      Column.of("human_opens", ColumnType.INTEGER),
      Column.of("machine_opens", ColumnType.INTEGER),
      Column.of("human_clicks", ColumnType.INTEGER),
      Column.of("last_human_at", ColumnType.TIME),
      Column.of("status", ColumnType.TEXT));

  private StarTable() {}

  public static Table of(List<Star> stars) {
    return Table.of(NAME, COLUMNS, stars.stream().map(StarTable::row).toList());
  }

  private static Object[] row(Star s) {
    return new Object[] {s.email(), s.name(), s.company(), s.received(), s.opened(), s.ratio(), s.humanOpens(),
        s.machineOpens(), s.humanClicks(), s.lastHumanAt() == 0 ? null : Instant.ofEpochMilli(s.lastHumanAt()), s.status().code()};
  }
}
