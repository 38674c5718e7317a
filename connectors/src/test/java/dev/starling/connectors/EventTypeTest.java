package dev.starling.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing an event type: the canonical words take the fast path, any other spelling the lenient one, with the same result. */
class EventTypeTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "send|SEND", "delivery|DELIVERY", "open|OPEN", "click|CLICK", "bounce|BOUNCE", "complaint|COMPLAINT",
      "unsubscribe|UNSUBSCRIBE", "SEND|SEND", "' Open '|OPEN", "Click|CLICK", "'unsubscribe\t'|UNSUBSCRIBE"})
  void parsesTheCanonicalWordAndAnyCaseOrSurroundingBlanks(String raw, EventType expected) {
    assertEquals(expected, EventType.parse(raw));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"opened|opened", "''|''", "sen d|sen d"})
  void refusesAnythingElseNamingTheValue(String raw, String shown) {
    assertEquals("type must be one of send, delivery, open, click, bounce, complaint, unsubscribe but was '" + shown + "'",
        assertThrows(IllegalArgumentException.class, () -> EventType.parse(raw)).getMessage());
  }
}
