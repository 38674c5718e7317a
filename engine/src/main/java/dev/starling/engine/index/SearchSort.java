package dev.starling.engine.index;

import java.util.Locale;

/** The order of search results; ties are broken by the address (or account name), so results are stable. */
public enum SearchSort {
  /** Best match first (Lucene's BM25 score). */
  RELEVANCE,
  /** Highest engagement score first. */
  SCORE,
  /** Most recent human open or click first; never-active last. */
  RECENT;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the choices */
  public static SearchSort byCode(String code) {
    for (SearchSort s : values()) {
      if (s.code().equals(code.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("--sort must be relevance, score or recent but was '" + code + "'");
  }
}
