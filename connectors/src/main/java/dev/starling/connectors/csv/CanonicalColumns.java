package dev.starling.connectors.csv;

import java.util.List;

/**
 * The header rows of Starling's CSV files. Column order is free and unknown columns are ignored; the
 * required ones must be present. Documented in {@code docs/formats.md}.
 */
public final class CanonicalColumns {
  private CanonicalColumns() {}

  public static final List<String> SUBSCRIBERS =
      List.of("email", "first_name", "last_name", "company", "country", "created_at", "tags", "status");
  public static final List<String> CAMPAIGNS = List.of("campaign_id", "name", "subject", "sent_at", "list");
  public static final List<String> EVENTS = List.of(
      "type", "email", "campaign_id", "at", "event_id", "user_agent", "ip", "url", "bounce_type", "machine", "detail");

  static final List<String> SUBSCRIBERS_REQUIRED = List.of("email");
  static final List<String> CAMPAIGNS_REQUIRED = List.of("campaign_id");
  static final List<String> EVENTS_REQUIRED = List.of("type", "email", "campaign_id", "at");

  /** Tags within the {@code tags} column are separated by this character. */
  public static final char TAG_SEPARATOR = '|';
}
