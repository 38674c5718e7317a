package dev.starling.connectors;

import java.util.Objects;

/**
 * One thing that happened to one message for one recipient.
 *
 * @param type what happened
 * @param email the recipient, normalised
 * @param campaignId the campaign the message belongs to, as the source tags it; {@code null} when the
 *     source names none: always allowed for bounces, complaints and unsubscribes (facts about a person),
 *     and for other events only when {@code message} says something the importer can group them by
 * @param atMillis when it happened, UTC epoch milliseconds
 * @param provider which format produced it ({@code starling}, {@code sendgrid}, ...): the namespace of
 *     {@code providerEventId}
 * @param providerEventId the provider's own event id when it has one (SendGrid {@code sg_event_id});
 *     the dedupe key then, otherwise the event's content is
 * @param userAgent the opener's or clicker's user agent, as sent
 * @param ip the opener's or clicker's IP, as sent
 * @param url the clicked URL (clicks only)
 * @param bounceKind hard, soft or block (bounces only, and required there)
 * @param machineFlag the provider's own verdict on an open or click: {@code TRUE} machine,
 *     {@code FALSE} human, {@code null} when the provider says nothing
 * @param detail the provider's reason or diagnostic text (bounces, complaints), if any
 * @param smtp the enhanced status code and reply code a bounce came with, or {@code null} when the
 *     source gives neither (bounces only)
 * @param message what the source says about the message the event concerns (ESP message or batch id,
 *     subject, send time), or {@code null}: how an event without a campaign tag is grouped or attached
 */
public record Event(
    EventType type,
    String email,
    String campaignId,
    long atMillis,
    String provider,
    String providerEventId,
    String userAgent,
    String ip,
    String url,
    BounceKind bounceKind,
    Boolean machineFlag,
    String detail,
    SmtpStatus smtp,
    MessageRef message)
    implements Fact {

  public Event {
    Objects.requireNonNull(type, "type");
    email = Subscriber.normalizeEmail(email);
    campaignId = Subscriber.blankToNull(campaignId);
    if (message != null && message.isEmpty()) {
      message = null;
    }
    if (campaignId == null && message == null && type != EventType.UNSUBSCRIBE && type != EventType.COMPLAINT
        && type != EventType.BOUNCE) {
      throw new IllegalArgumentException("campaign_id is missing (required for " + type.canonicalName() + " events)");
    }
    if (campaignId != null) {
      campaignId = Campaign.requireId(campaignId);
    }
    if (atMillis <= 0) {
      throw new IllegalArgumentException("time must be after 1970 but was " + atMillis);
    }
    provider = Objects.requireNonNullElse(Subscriber.blankToNull(provider), "starling");
    providerEventId = Subscriber.blankToNull(providerEventId);
    userAgent = Subscriber.blankToNull(userAgent);
    ip = Subscriber.blankToNull(ip);
    url = Subscriber.blankToNull(url);
    detail = Subscriber.blankToNull(detail);
    if (type == EventType.BOUNCE && bounceKind == null) {
      throw new IllegalArgumentException("bounce_type is missing (hard or soft is required for bounce events)");
    }
    if (type != EventType.BOUNCE) {
      bounceKind = null;
      smtp = null;
    }
  }

  /** An event without SMTP codes or message reference, as most sources give it. */
  public Event(EventType type, String email, String campaignId, long atMillis, String provider, String providerEventId,
      String userAgent, String ip, String url, BounceKind bounceKind, Boolean machineFlag, String detail) {
    this(type, email, campaignId, atMillis, provider, providerEventId, userAgent, ip, url, bounceKind, machineFlag,
        detail, null, null);
  }

  /** A simple event with no provider id, agent, URL or flag: the common case for sends and deliveries. */
  public static Event of(EventType type, String email, String campaignId, long atMillis) {
    return new Event(type, email, campaignId, atMillis, "starling", null, null, null, null,
        type == EventType.BOUNCE ? BounceKind.HARD : null, null, null);
  }

  /**
   * A 64-bit identity for deduplication: the provider's event id where there is one (webhook retries
   * repeat it), else the event's content (type, recipient, campaign, time, URL, user agent, IP), so
   * two different opens in the same second (a scanner and a person) stay two. Importing the same event
   * twice yields the same key. Agent and IP are mixed in only when present, so an event without them
   * keeps the key it had before they counted ({@link #legacyDedupeKey()}).
   */
  public long dedupeKey() {
    long h = legacyDedupeKey();
    if (providerEventId != null || (userAgent == null && ip == null)) {
      return h;
    }
    h = mix(h, userAgent);
    h = mix(h, ip);
    return h;
  }

  /**
   * The key stores written before agent and IP counted used: the same as {@link #dedupeKey()} but
   * without them. A re-import into such a store checks it too, so an old file does not come in twice.
   */
  public long legacyDedupeKey() {
    long h = 0xcbf29ce484222325L;
    if (providerEventId != null) {
      h = mix(h, provider);
      h = mix(h, providerEventId);
      return h;
    }
    h = mix(h, type.name());
    h = mix(h, email);
    h = mix(h, campaignId);
    h = mix(h, Long.toString(atMillis));
    h = mix(h, url);
    return h;
  }

  /** FNV-1a over the chars, then a separator so that ("ab","c") and ("a","bc") differ. */
  private static long mix(long h, String s) {
    if (s != null) {
      for (int i = 0; i < s.length(); i++) {
        h ^= s.charAt(i);
        h *= 0x100000001b3L;
      }
    }
    h ^= 0x1f;
    h *= 0x100000001b3L;
    return h;
  }
}
