/**
 * The search index: Lucene over the store's subscribers and accounts. {@link
 * dev.starling.engine.index.SubscriberIndex} builds it in {@code <data>/index} (the store read on the
 * caller's thread, documents indexed beside it by {@code Feeder}), keeps it up to date (only changed
 * documents are rewritten, in one commit) and answers {@link dev.starling.engine.index.SearchRequest}s with
 * a {@link dev.starling.engine.index.SearchResult} of report tables. Users write Lucene's classic syntax
 * over the field names of {@code SearchField} ({@code company:acme stars:[4 TO 5] clicked:pricing
 * country:ES}); a query it cannot read is a {@link dev.starling.engine.index.SearchQueryException} naming
 * the column. A search runs on a {@code Snapshot} of the current reader: {@code MatchSets} (which documents
 * match, as bit sets), {@code Ranking} (the orders), {@code ScoreLevels} (a word's documents grouped by score, for relevance order), {@code FacetColumns} and {@code HitRows} (doc values),
 * with the {@code Dictionary} that turns words on subjects and URLs into exact values. SQLite stays the
 * record: the index can be deleted at any time and is rebuilt from the store.
 */
package dev.starling.engine.index;
