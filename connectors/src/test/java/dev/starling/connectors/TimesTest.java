package dev.starling.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "2025-01-15T15:00:03Z          | 1736953203000",
    "2025-01-15T15:00:03.412Z      | 1736953203412",
    "2025-01-15T05:00:03.1733441-05:00 | 1736935203173",
    "2025-01-15 15:00:03           | 1736953203000",
    "2025-01-15T15:00:03           | 1736953203000",
    "2025-01-15T15:00:03+0000      | 1736953203000",
    "2025-01-15 15:00:03 +0000     | 1736953203000",
    "2025-01-15                    | 1736899200000",
    "1736953203                    | 1736953203000",
    "1736953203412                 | 1736953203412",
    "1736953203.896717             | 1736953203896",
  })
  void parsesTheFormsExportsUse(String text, long expected) {
    assertEquals(expected, Times.parseMillis(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "31/02/2025 | time must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was '31/02/2025'",
    "2025-02-31T10:00:00Z | time must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was '2025-02-31T10:00:00Z'",
    "yesterday | time must be ISO-8601 (2025-01-15T15:00:03Z) or epoch seconds but was 'yesterday'",
  })
  void rejectsOtherTextWithTheValue(String text, String message) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Times.parseMillis(text)).getMessage());
  }
}
