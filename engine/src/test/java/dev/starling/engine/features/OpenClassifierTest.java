package dev.starling.engine.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenClassifierTest {
  private final OpenClassifier classifier = new OpenClassifier(EngagementSettings.DEFAULTS);

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
    "provider says machine            | true  | Mozilla/5.0 (Windows NT 10.0)   | 80.1.2.3   | 3600 | PROVIDER_MACHINE",
    "provider says human              | false | Mozilla/5.0                     | 17.58.1.1  | 5    | PROVIDER_HUMAN",
    "pre-fetch 3 s after delivery     | -     | Microsoft Outlook 16.0          | 80.1.2.3   | 3    | PREFETCH_TIMING",
    "Apple proxy from 17/8, later     | -     | Mozilla/5.0                     | 17.58.1.1  | 7200 | PRIVACY_PROXY",
    "bare agent 60 s after delivery   | -     | Mozilla/5.0                     | 80.1.2.3   | 60   | PRIVACY_PROXY",
    "bare agent hours later (Outlook) | -     | Mozilla/5.0                     | 80.1.2.3   | 7200 | HUMAN",
    "Gmail image proxy                | -     | Mozilla/5.0 (via ggpht.com GoogleImageProxy) | 66.249.80.1 | 30 | HUMAN",
    "full agent from 17/8             | -     | Mozilla/5.0 (iPhone; CPU iPhone OS 18_1) | 17.58.1.1 | 3600 | HUMAN",
    "no agent, 11 s after delivery    | -     | -                               | -          | 11   | HUMAN",
  })
  void classifiesEachKindOfOpen(String name, Boolean flag, String agent, String ip, long secondsAfterDelivery, OpenReason expected) {
    long delivered = 1_767_690_000_000L;
    assertEquals(expected, classifier.classify(flag, agent, ip, delivered + secondsAfterDelivery * 1000, delivered));
  }

  @org.junit.jupiter.api.Test
  void withoutADeliveryOnlyTheAgentAndNetworkCount() {
    assertEquals(OpenReason.PRIVACY_PROXY, classifier.classify(null, "Mozilla/5.0", "17.1.1.1", 5_000, Long.MIN_VALUE));
    assertEquals(OpenReason.HUMAN, classifier.classify(null, "Mozilla/5.0", "80.1.1.1", 5_000, Long.MIN_VALUE));
  }
}
