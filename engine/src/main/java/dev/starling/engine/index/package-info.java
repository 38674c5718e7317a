/**
 * The search index: Lucene over the store's subscribers and accounts. {@link
 * dev.starling.engine.index.SubscriberIndex} builds it in {@code <data>/index}, keeps it up to date
 * (only changed documents are rewritten, in one commit) and answers {@link
 * dev.starling.engine.index.SearchRequest}s with a {@link dev.starling.engine.index.SearchResult} of report
 * tables. Users write Lucene's classic syntax over the field names of {@code SearchField}
 * ({@code company:acme stars:[4 TO 5] clicked:pricing country:ES}); a query it cannot read is a {@link
 * dev.starling.engine.index.SearchQueryException} naming the column. SQLite stays the record: the index can
 * be deleted at any time and is rebuilt from the store.
 */
package dev.starling.engine.index;
