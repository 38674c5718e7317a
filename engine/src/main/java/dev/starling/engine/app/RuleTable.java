package dev.starling.engine.app;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import dev.starling.rules.Rule;
import java.util.List;
import java.util.Locale;

/** The rules of a rules file as a {@link Table} named {@code rules}, in file order. */
public final class RuleTable {
  public static final String NAME = "rules";

  public static final List<Column> COLUMNS = List.of(
      Column.of("id", ColumnType.TEXT),
      Column.of("priority", ColumnType.INTEGER),
      Column.of("applies_to", ColumnType.TEXT),
      Column.of("title", ColumnType.TEXT),
      Column.of("cooldown_days", ColumnType.INTEGER));

  private RuleTable() {}

  public static Table of(List<Rule> rules) {
    return Table.of(NAME, COLUMNS, rules.stream()
        .map(r -> new Object[] {r.id(), r.priority(), r.appliesTo().name().toLowerCase(Locale.ROOT), r.title(), r.cooldownDays()})
        .toList());
  }
}
