/**
 * Bounded caches of what is expensive and read often: search results, account features and report
 * aggregates ({@link dev.starling.engine.cache.Caches}, on Caffeine). They are dropped whole when the data
 * changes: by this process (an import or a feature refresh through the facade) or by another one (the
 * store's change counter moved). {@link dev.starling.engine.cache.CacheCounters} adds each process's hits
 * and misses to a small file in the data directory, so {@code starling stats} can show them across runs.
 */
package dev.starling.engine.cache;
