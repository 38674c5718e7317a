package dev.starling.engine.app;

import dev.starling.engine.features.replay.ClassifiedEvents;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import dev.starling.rules.Feature;
import dev.starling.rules.Features;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The two tables of {@code starling explain}: a subscriber's features, and their opens and clicks with verdicts. */
public final class ExplainTables {
  public static final List<Column> FEATURE_COLUMNS = List.of(
      Column.of("feature", ColumnType.TEXT),
      Column.of("value", ColumnType.TEXT),
      Column.of("description", ColumnType.TEXT));

  public static final List<Column> EVENT_COLUMNS = List.of(
      Column.of("campaign", ColumnType.TEXT),
      Column.of("at", ColumnType.TIME),
      Column.of("type", ColumnType.TEXT),
      Column.of("verdict", ColumnType.TEXT),
      Column.of("reason", ColumnType.TEXT),
      Column.of("agent", ColumnType.TEXT),
      Column.of("url", ColumnType.TEXT));

  private ExplainTables() {}

  /**
   * Each feature with its value as a rule would see it (decimals to two places, lists in brackets),
   * {@code null} where it has none.
   */
  public static Table features(List<Feature> features, Features values) {
    List<Object[]> rows = new ArrayList<>();
    for (Feature f : features) {
      rows.add(new Object[] {f.name(), values.get(f.name()).map(ExplainTables::show).orElse(null), f.description()});
    }
    return Table.of("features", FEATURE_COLUMNS, rows);
  }

  public static Table events(List<ClassifiedEvents.Row> events) {
    List<Object[]> rows = new ArrayList<>();
    for (ClassifiedEvents.Row r : events) {
      rows.add(new Object[] {r.campaign(), Instant.ofEpochMilli(r.at()), r.type().canonicalName(),
          r.kind().name().toLowerCase(Locale.ROOT), r.reason(), r.agent(), r.url()});
    }
    return Table.of("events", EVENT_COLUMNS, rows);
  }

  private static String show(Object v) {
    return v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(v);
  }
}
