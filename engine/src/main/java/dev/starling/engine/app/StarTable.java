package dev.starling.engine.app;

import dev.starling.engine.features.Star;
import dev.starling.engine.report.Column;
import dev.starling.engine.report.Table;
import dev.starling.engine.store.Listings;
import java.time.Instant;
import java.util.List;

/** Star subscribers as a {@link Table} named {@code stars}: the one definition every output shares. */
public final class StarTable {
  public static final String NAME = "stars";

  /**
   * The columns: the store's star listing's without {@code country}, so the two cannot drift apart; their
   * keys are the CSV header people's spreadsheets already use.
   */
  public static final List<Column> COLUMNS = Listings.STAR_COLUMNS.stream()
      .filter(col -> !col.key().equals("country"))
      .toList();

  private StarTable() {}

  public static Table of(List<Star> stars) {
    return Table.of(NAME, COLUMNS, stars.stream().map(StarTable::row).toList());
  }

  private static Object[] row(Star s) {
    return new Object[] {s.email(), s.name(), s.company(), s.received(), s.opened(), s.ratio(), s.humanOpens(),
        s.machineOpens(), s.humanClicks(), s.lastHumanAt() == 0 ? null : Instant.ofEpochMilli(s.lastHumanAt()), s.status().code()};
  }
}
