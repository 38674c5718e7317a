package dev.starling.engine.digest;

import java.util.Objects;

/**
 * The {@code digest:} section of starling.yaml.
 *
 * @param cap at most this many people (and as many accounts) in the message body; the rest are in the attachment
 * @param from the From: address, optionally with a name ({@code Starling <starling@example.com>})
 * @param replyTo where replies go (whoever records outcomes), or {@code null} for the From: address
 */
public record DigestSettings(Routing routing, int cap, String from, String replyTo) {
  public static final int DEFAULT_CAP = 25;

  public DigestSettings {
    Objects.requireNonNull(routing, "routing");
    Objects.requireNonNull(from, "from");
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be at least 1 but was " + cap);
    }
    from = MailText.singleLine(from);
    replyTo = replyTo == null ? null : MailText.singleLine(replyTo);
  }
}
