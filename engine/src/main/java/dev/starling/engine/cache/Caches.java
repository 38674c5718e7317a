package dev.starling.engine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The caches of one open data directory. Every read names its cache ({@link Name}) and a key; the value is
 * computed on a miss. Before each read the store's change counter is compared with the one the entries were
 * made under: when another process wrote meanwhile, or {@link #dataChanged()} was called (this process
 * imported or refreshed), every entry goes, so a cached value is never older than the data.
 *
 * <pre>{@code
 * Caches caches = new Caches(() -> store.read(tx -> new SearchSource(store).changesByOthers()));
 * SearchResult r = caches.get(Caches.Name.SEARCH, request, () -> index.search(request));
 * }</pre>
 */
public final class Caches {
  /** The caches, each with its bound: how many entries it keeps at most (least recently useful go first). */
  public enum Name {
    /** Search results by request: small tables, many distinct queries. */
    SEARCH(1_000),
    /** One account's features by name (profiles, digests). */
    ACCOUNT_FEATURES(10_000),
    /** Report aggregates (campaign figures by range and period): large, few. */
    AGGREGATES(32);

    final int maximumSize;

    Name(int maximumSize) {
      this.maximumSize = maximumSize;
    }

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final LongSupplier changesByOthers;
  /**
   * Each cache from its first read on. Building them all up front loaded Caffeine (130 classes, a
   * scheduler's thread container) into every command that opens a data directory, most of which never
   * read a cache: 7 to 20 ms of a warm {@code starling stars}.
   */
  private final Map<Name, Cache<Object, Object>> caches = new EnumMap<>(Name.class);
  private long seen = Long.MIN_VALUE;

  /** @param changesByOthers the store's change counter (it moves when another process commits) */
  public Caches(LongSupplier changesByOthers) {
    this.changesByOthers = changesByOthers;
  }

  /** The value for {@code key} in {@code cache}, computed by {@code load} on a miss (a null result is not kept). */
  @SuppressWarnings("unchecked")
  public synchronized <K, V> V get(Name cache, K key, Function<K, V> load) {
    long now = changesByOthers.getAsLong();
    if (now != seen) {
      invalidateAll();
      seen = now;
    }
    Cache<Object, Object> c = caches.computeIfAbsent(cache, n -> Caffeine.newBuilder().maximumSize(n.maximumSize).recordStats().build());
    return (V) c.get(key, k -> load.apply((K) k));
  }

  /** Drops every entry: this process changed the data (an import, a refresh, a forget). */
  public synchronized void dataChanged() {
    invalidateAll();
  }

  private void invalidateAll() {
    caches.values().forEach(Cache::invalidateAll);
  }

  /** Each cache's entry count now and its hits, misses and evictions in this process. */
  public synchronized Map<Name, Figures> figures() {
    Map<Name, Figures> out = new LinkedHashMap<>();
    for (Name n : Name.values()) {
      Cache<Object, Object> c = caches.get(n);
      CacheStats s = c == null ? CacheStats.empty() : c.stats();
      out.put(n, new Figures(c == null ? 0 : c.estimatedSize(), n.maximumSize, s.hitCount(), s.missCount(), s.evictionCount()));
    }
    return out;
  }

  /** One cache's figures. */
  public record Figures(long size, long maximumSize, long hits, long misses, long evictions) {
    public double hitRate() {
      return hits + misses == 0 ? 0 : (double) hits / (hits + misses);
    }

    Figures plus(Figures other) {
      return new Figures(other.size, other.maximumSize, hits + other.hits, misses + other.misses, evictions + other.evictions);
    }
  }
}
