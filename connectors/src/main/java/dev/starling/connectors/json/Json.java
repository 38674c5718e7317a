package dev.starling.connectors.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.starling.connectors.Times;
import java.util.Locale;

/** Reading typed values out of provider JSON, with messages that name the field and the value. */
public final class Json {

  private Json() {}

  /** The node at {@code path} below {@code node}; a missing node (never {@code null}) when absent. */
  public static JsonNode at(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    return n;
  }

  /**
   * The text of a string, number or boolean field; {@code null} when absent, JSON null or blank.
   *
   * @throws IllegalArgumentException when the field holds an object or array
   */
  public static String text(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (n.isContainerNode()) {
      throw new IllegalArgumentException(
          "field '" + String.join(".", path) + "' must be a string but was " + shape(n) + ": " + shorten(n));
    }
    String s = n.isBigDecimal() || n.isFloatingPointNumber() ? n.decimalValue().toPlainString() : n.asText();
    return s.isBlank() ? null : s;
  }

  /** A string field, or the first string of an array field (SendGrid {@code category}, SES tags). */
  public static String first(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    if (n.isArray()) {
      for (JsonNode e : n) {
        if (!e.isContainerNode() && !e.isNull() && !e.asText().isBlank()) {
          return e.asText();
        }
      }
      return null;
    }
    return text(node, path);
  }

  /**
   * A time field as UTC epoch milliseconds: epoch seconds (integer, decimal or string) or ISO 8601.
   *
   * @throws IllegalArgumentException naming the field when it is missing or malformed
   */
  public static long time(JsonNode node, String... path) {
    String name = String.join(".", path);
    String v = text(node, path);
    if (v == null) {
      throw new IllegalArgumentException("field '" + name + "' is missing (a time is required)");
    }
    try {
      return Times.parseMillis(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "' " + e.getMessage().replaceFirst("^time ", ""), e);
    }
  }

  /** {@code true}, {@code false}, or {@code null} when absent; "true"/"false" strings are accepted. */
  public static Boolean bool(JsonNode node, String... path) {
    JsonNode n = at(node, path);
    if (n.isMissingNode() || n.isNull()) {
      return null;
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    String s = n.asText().strip().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "true", "1" -> true;
      case "false", "0" -> false;
      default -> throw new IllegalArgumentException(
          "field '" + String.join(".", path) + "' must be true or false but was " + shorten(n));
    };
  }

  /**
   * Whether a file head looks like JSON that mentions every one of {@code keys} as an object key
   * (quoted, optionally backslash-escaped inside an SNS {@code Message} string). Sniffers use it.
   */
  public static boolean headHasKeys(String head, String... keys) {
    if (!startsJson(head)) {
      return false;
    }
    for (String k : keys) {
      if (!head.contains("\"" + k + "\"") && !head.contains("\\\"" + k + "\\\"")) {
        return false;
      }
    }
    return true;
  }

  /** Whether the first non-blank character is '{' or '['. */
  public static boolean startsJson(String head) {
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '{' || c == '[';
      }
    }
    return false;
  }

  static String shape(JsonNode n) {
    return n.isObject() ? "an object" : n.isArray() ? "an array" : n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  private static String shorten(JsonNode n) {
    String s = n.toString();
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
