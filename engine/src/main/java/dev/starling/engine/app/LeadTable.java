package dev.starling.engine.app;

import dev.starling.engine.leads.Lead;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.util.List;

/** Lead suggestions as a {@link Table} named {@code leads}, in the order given. */
public final class LeadTable {
  public static final String NAME = "leads";

  public static final List<Column> COLUMNS = List.of(
      Column.of("id", ColumnType.INTEGER),
      Column.of("week", ColumnType.TEXT),
      Column.of("priority", ColumnType.INTEGER),
      Column.of("rule_id", ColumnType.TEXT),
      Column.of("rule", ColumnType.TEXT),
      Column.of("subject", ColumnType.TEXT),
      Column.of("who", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT));

  /** What a person reads on a terminal: the rule's title says what its id and subject say. */
  public static final List<String> FOR_PEOPLE = List.of("id", "priority", "rule", "who", "status", "reason");

  private LeadTable() {}

  public static Table of(List<Lead> leads) {
    return Table.of(NAME, COLUMNS, leads.stream().map(LeadTable::row).toList());
  }

  private static Object[] row(Lead l) {
    return new Object[] {l.id(), l.week(), l.priority(), l.ruleId(), l.title(), l.subject().key(), l.subjectKey(), l.reason(),
        l.status().code()};
  }
}
