package dev.starling.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SubscriberTest {
  @ParameterizedTest
  @CsvSource({
    "'  Jose.Nunez@Example.COM ', jose.nunez@example.com",
    "<anna@firma.de>, anna@firma.de",
    "a@b.co, a@b.co",
  })
  void normalisesAddresses(String raw, String expected) {
    assertEquals(expected, Subscriber.normalizeEmail(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jose.example.com", "jose@", "@example.com", "jose@example", "jo se@example.com",
      "a@b@example.com", "jose@example.", "x@y.c"})
  void rejectsMalformedAddresses(String raw) {
    assertEquals("email must look like name@example.com but was '" + raw + "'",
        assertThrows(IllegalArgumentException.class, () -> Subscriber.normalizeEmail(raw)).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void saysWhenTheAddressIsMissing(String raw) {
    assertEquals("email is missing", assertThrows(IllegalArgumentException.class, () -> Subscriber.normalizeEmail(raw)).getMessage());
  }

  @org.junit.jupiter.api.Test
  void dedupeKeyIsStableAndContentSensitive() {
    Event a = Event.of(EventType.OPEN, "a@example.com", "nl-1", 1_000_000L);
    Event same = Event.of(EventType.OPEN, "A@Example.com ", "nl-1", 1_000_000L);
    Event later = Event.of(EventType.OPEN, "a@example.com", "nl-1", 1_000_001L);
    assertEquals(a.dedupeKey(), same.dedupeKey());
    org.junit.jupiter.api.Assertions.assertNotEquals(a.dedupeKey(), later.dedupeKey());
  }
}
