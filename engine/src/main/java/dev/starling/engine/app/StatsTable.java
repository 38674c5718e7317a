package dev.starling.engine.app;

import dev.starling.engine.cache.Caches;
import dev.starling.engine.index.SubscriberIndex;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code starling stats}: one row per figure holder (the index, each cache) with the figures that apply to it. */
public final class StatsTable {
  public static final String NAME = "stats";
  public static final List<Column> COLUMNS = List.of(
      Column.of("part", ColumnType.TEXT),
      Column.of("entries", ColumnType.INTEGER),
      Column.of("bound", ColumnType.INTEGER),
      Column.of("bytes", ColumnType.INTEGER),
      Column.of("hits", ColumnType.INTEGER),
      Column.of("misses", ColumnType.INTEGER),
      Column.of("hit_rate", ColumnType.RATIO),
      Column.of("evictions", ColumnType.INTEGER));

  private StatsTable() {}

  public static Table of(SubscriberIndex.Stats index, Map<Caches.Name, Caches.Figures> caches) {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {"index: subscribers", index.subscribers(), null, index.bytes(), null, null, null, null});
    rows.add(new Object[] {"index: accounts", index.accounts(), null, null, null, null, null, null});
    caches.forEach((name, f) -> rows.add(new Object[] {"cache: " + name.code(), f.size(), f.maximumSize(), null, f.hits(),
        f.misses(), f.hits() + f.misses() == 0 ? null : f.hitRate(), f.evictions()}));
    return Table.of(NAME, COLUMNS, rows);
  }
}
