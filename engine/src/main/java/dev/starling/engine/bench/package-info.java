/**
 * The benchmark behind {@code starling bench}: {@link dev.starling.engine.bench.Benchmark} generates a
 * dataset at a given scale, imports it into a fresh store, computes the features and the stars, then
 * imports one more week, and reports throughput, times, peak heap and store size.
 */
package dev.starling.engine.bench;
