package dev.starling.engine.features.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HighIntentTest {
  @ParameterizedTest
  @CsvSource({
    "https://acme.example/pricing, true",
    "https://acme.example/en/pricing?utm=x, true",
    "https://acme.example/pricing/, true",
    "https://acme.example/pricing#plans, true",
    "https://acme.example/blog/pricing-tips, false",
    "https://pricing.example/, false",
    "https://acme.example/webinars/pricing-that-sells, false",
  })
  void aHighIntentWordCountsOnlyAsAWholePathSegment(String url, boolean expected) {
    assertEquals(expected, ReplayState.isPathSegment(url, "pricing"));
  }
}
