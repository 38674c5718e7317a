package dev.starling.connectors;

import java.util.Objects;

/**
 * One newsletter send.
 *
 * @param id the provider's or the user's campaign id, trimmed; the join key for events
 * @param sentAtMillis when it went out (UTC epoch ms), or {@code null} if the source does not say
 */
public record Campaign(String id, String name, String subject, Long sentAtMillis, String list) implements Fact {
  public Campaign {
    id = requireId(id);
    name = Subscriber.blankToNull(name);
    subject = Subscriber.blankToNull(subject);
    list = Subscriber.blankToNull(list);
  }

  static String requireId(String id) {
    Objects.requireNonNull(id, "campaign id");
    String t = id.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("campaign id is missing");
    }
    if (t.length() > 200) {
      throw new IllegalArgumentException("campaign id must be at most 200 characters but had " + t.length());
    }
    return t;
  }
}
