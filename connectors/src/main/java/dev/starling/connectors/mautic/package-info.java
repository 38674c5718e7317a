/**
 * Mautic exports: {@link dev.starling.connectors.mautic.MauticReader} reads the contacts export as
 * subscribers and the {@code email_stats} export as send and open events, told apart by the header row.
 */
package dev.starling.connectors.mautic;
