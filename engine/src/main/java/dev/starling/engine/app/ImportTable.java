package dev.starling.engine.app;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.util.List;

/**
 * The import log as a {@link Table} named {@code imports}. Rows are built by whoever reads the log
 * (the store's {@code ImportLog}), cells in {@link #COLUMNS} order.
 */
public final class ImportTable {
  public static final String NAME = "imports";

  public static final List<Column> COLUMNS = List.of(
      Column.of("id", ColumnType.INTEGER),
      Column.of("finished_at", ColumnType.TIME),
      Column.of("source", ColumnType.TEXT),
      Column.of("format", ColumnType.TEXT),
      Column.of("kind", ColumnType.TEXT),
      Column.of("rows_read", ColumnType.INTEGER),
      Column.of("imported", ColumnType.INTEGER),
      Column.of("duplicates", ColumnType.INTEGER),
      Column.of("rejected", ColumnType.INTEGER),
      Column.of("new_subscribers", ColumnType.INTEGER),
      Column.of("new_campaigns", ColumnType.INTEGER),
      Column.of("no_send_engagements", ColumnType.INTEGER),
      Column.of("clicks_before_delivery", ColumnType.INTEGER),
      Column.of("events_before_signup", ColumnType.INTEGER),
      Column.of("untracked_sends", ColumnType.INTEGER));

  /** What the abbreviated headers mean, for a footnote under the terminal table. */
  public static final String LEGEND = "unknown: campaigns first named by an event; no send: opens/clicks with no matching send;"
      + " click<dl: clicks before delivery; pre-join: events before the subscriber joined;"
      + " untracked: sends in campaigns with no opens or clicks";

  private ImportTable() {}

  /** The import log's records as the table. */
  public static Table ofRecords(List<dev.starling.engine.store.ImportRecord> records) {
    List<Object[]> rows = new java.util.ArrayList<>(records.size());
    for (var r : records) {
      var f = r.figures();
      var q = r.quality();
      rows.add(new Object[] {r.id(), java.time.Instant.ofEpochMilli(f.finishedAt()), r.source(), r.format(), r.kind(),
          f.rowsRead(), f.imported(), f.duplicates(), f.rejected(), f.newSubscribers(), f.newCampaigns(),
          q.noSendEngagements(), q.clicksBeforeDelivery(), q.eventsBeforeSignup(), q.untrackedSends()});
    }
    return of(rows);
  }

  public static Table of(List<Object[]> rows) {
    return Table.of(NAME, COLUMNS, rows);
  }
}
