/**
 * Back-testing a rules file: {@link dev.starling.engine.backtest.Backtest} replays the stored history week
 * by week on a scratch copy of the store ({@link dev.starling.engine.store.HistoryCopy}), refreshes the
 * features as of each week's end, runs the rules as {@code starling leads} would have that week, and
 * counts per month what they would have suggested and how many of those people later became won leads,
 * with the machine-open filtering on and off. The stored leads are only read.
 */
package dev.starling.engine.backtest;
