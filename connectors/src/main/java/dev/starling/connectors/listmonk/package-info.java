/**
 * listmonk files: {@link dev.starling.connectors.listmonk.ListmonkReader} reads the subscriber export and
 * import CSVs as subscribers, and {@code psql \copy} dumps of campaign views and link clicks (joined
 * with subscriber emails) as open and click events.
 */
package dev.starling.connectors.listmonk;
