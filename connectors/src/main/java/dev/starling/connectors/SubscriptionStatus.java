package dev.starling.connectors;

import java.util.Locale;

/** A list's verdict on an address, as exports state it. */
public enum SubscriptionStatus {
  SUBSCRIBED,
  UNSUBSCRIBED,
  /** Removed by the list for bouncing ("cleaned" in Mailchimp, "blocklisted" elsewhere). */
  CLEANED,
  /** Double opt-in not yet confirmed. */
  PENDING;

  /**
   * Parses the usual spellings across providers ("subscribed", "enabled", "unsubscribed", "cleaned",
   * "blocklisted", "bounced", "pending", "unconfirmed").
   *
   * @throws IllegalArgumentException naming the value and the accepted words
   */
  public static SubscriptionStatus parse(String raw) {
    String s = raw.strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "subscribed", "active", "enabled", "confirmed", "opted-in", "optin" -> SUBSCRIBED;
      case "unsubscribed", "opted-out", "optout" -> UNSUBSCRIBED;
      case "cleaned", "blocklisted", "blacklisted", "bounced" -> CLEANED;
      case "pending", "unconfirmed" -> PENDING;
      default -> throw new IllegalArgumentException(
          "status must be one of subscribed, unsubscribed, cleaned, pending but was '" + raw + "'");
    };
  }
}
