package dev.starling.connectors;

import java.util.Locale;

/** What happened to one message for one recipient. Codes are stable: the store keeps them. */
public enum EventType {
  SEND(1),
  DELIVERY(2),
  OPEN(3),
  CLICK(4),
  BOUNCE(5),
  COMPLAINT(6),
  UNSUBSCRIBE(7);

  private final int code;

  EventType(int code) {
    this.code = code;
  }

  /** The stable number stored for this type. */
  public int code() {
    return code;
  }

  public static EventType ofCode(int code) {
    for (EventType t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("event type code must be 1..7 but was " + code);
  }

  /** The canonical lower-case name used in Starling's CSV ("send", "delivery", ...). */
  public String canonicalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses Starling's canonical name, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the accepted names
   */
  public static EventType parse(String raw) {
    // The canonical lower-case words, what nearly every row of a log holds, without a copy of the text.
    EventType exact = switch (raw == null ? "" : raw) {
      case "send" -> SEND;
      case "delivery" -> DELIVERY;
      case "open" -> OPEN;
      case "click" -> CLICK;
      case "bounce" -> BOUNCE;
      case "complaint" -> COMPLAINT;
      case "unsubscribe" -> UNSUBSCRIBE;
      default -> null;
    };
    if (exact != null) {
      return exact;
    }
    String s = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
    try {
      return valueOf(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "type must be one of send, delivery, open, click, bounce, complaint, unsubscribe but was '" + raw + "'");
    }
  }
}
