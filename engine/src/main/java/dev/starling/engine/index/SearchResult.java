package dev.starling.engine.index;

import dev.starling.engine.report.Column;
import dev.starling.engine.report.ColumnType;
import dev.starling.engine.report.Table;
import java.util.List;

/**
 * What a search found: the matching documents ({@code hits}, at most the requested number, in the requested
 * order), how many matched in all, and, when asked, the facet counts over all the matches.
 *
 * @param facets the table {@code facets} (facet, value, count), or null when not asked
 */
public record SearchResult(Table hits, long total, Table facets) {
  /** The subscriber hits' table: {@code email} first (the key CSV users join on). */
  public static final String SUBSCRIBERS = "search";
  public static final List<Column> SUBSCRIBER_COLUMNS = List.of(
      Column.of("email", ColumnType.EMAIL),
      Column.of("name", ColumnType.TEXT),
      Column.of("company", ColumnType.TEXT),
      Column.of("domain", ColumnType.TEXT),
      Column.of("country", ColumnType.TEXT),
      Column.of("stars", ColumnType.INTEGER),
      Column.of("score", ColumnType.DECIMAL),
      Column.of("state", ColumnType.TEXT),
      Column.of("status", ColumnType.TEXT),
      Column.of("last_human_at", ColumnType.TIME));

  /** The account hits' table: {@code account} first. */
  public static final String ACCOUNTS = "search_accounts";
  public static final List<Column> ACCOUNT_COLUMNS = List.of(
      Column.of("account", ColumnType.TEXT),
      Column.of("company", ColumnType.TEXT),
      Column.of("people", ColumnType.INTEGER),
      Column.of("engaged_people", ColumnType.INTEGER),
      Column.of("stars", ColumnType.INTEGER),
      Column.of("score", ColumnType.DECIMAL),
      Column.of("last_human_at", ColumnType.TIME),
      Column.of("domains", ColumnType.TEXT),
      Column.of("countries", ColumnType.TEXT));

  public static final String FACETS = "facets";
  public static final List<Column> FACET_COLUMNS = List.of(
      Column.of("facet", ColumnType.TEXT),
      Column.of("value", ColumnType.TEXT),
      Column.of("count", ColumnType.INTEGER));
}
