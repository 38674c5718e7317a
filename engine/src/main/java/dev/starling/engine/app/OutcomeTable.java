package dev.starling.engine.app;

import dev.starling.engine.outcomes.OutcomeImport;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.util.List;

/** What outcome imports did, as a {@link Table} named {@code lead_import}: one row per file or reply. */
public final class OutcomeTable {
  public static final String NAME = "lead_import";

  public static final List<Column> COLUMNS = List.of(
      Column.of("import_id", ColumnType.INTEGER),
      Column.of("file", ColumnType.TEXT),
      Column.of("rows_read", ColumnType.INTEGER),
      Column.of("recorded", ColumnType.INTEGER),
      Column.of("already_recorded", ColumnType.INTEGER),
      Column.of("rejected", ColumnType.INTEGER));

  private OutcomeTable() {}

  public static Table of(List<OutcomeImport.Summary> imports) {
    return Table.of(NAME, COLUMNS, imports.stream().map(s -> new Object[] {s.importId(), s.source(), s.rowsRead(),
        s.recorded(), s.alreadyRecorded(), s.rejected()}).toList());
  }
}
