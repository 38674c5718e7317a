package dev.starling.engine.index;

import java.util.Objects;

/**
 * One search: the query in Lucene's syntax over {@link SearchField} names, whether it looks for accounts
 * (else subscribers), how many results, their order, and whether facet counts are wanted. A value: equal
 * requests over equal data have equal results, which is what the result cache keys on.
 */
public record SearchRequest(String query, boolean accounts, int top, SearchSort sort, boolean facets) {
  public static final int DEFAULT_TOP = 20;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(sort, "sort");
    query = query.strip();
    if (top < 1) {
      throw new IllegalArgumentException("--top must be at least 1 but was " + top);
    }
  }
}
