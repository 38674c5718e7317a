package dev.starling.engine.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint is stored with the features and compared on every read: it must stay the text stores
 * already hold (the record's {@code toString}), also when a component is added to the record.
 */
class EngagementSettingsTest {
  @Test
  void theDefaultsFingerprintIsTheTextStoresHold() {
    assertEquals("EngagementSettings[prefetchSeconds=10, proxyWindowSeconds=120, scannerClickSeconds=30, burstClicks=3,"
        + " burstSeconds=2, halfLifeDays=30.0, openWeight=1.0, clickWeight=3.0, dormancyCampaigns=6, highIntentPatterns=[pricing,"
        + " demo, contact, quote, trial, precios, tarifas, contacto, presupuesto, prueba]]", EngagementSettings.DEFAULTS.fingerprint());
  }

  @Test
  void theFingerprintIsTheRecordsOwnTextForAnySettings() {
    for (EngagementSettings s : List.of(EngagementSettings.DEFAULTS, EngagementSettings.DEFAULTS.withOpenWindows(0, 7),
        new EngagementSettings(1, 2, 3, 4, 5, 0.25, 1e-7, 12345.5, 9, List.of()),
        new EngagementSettings(7, 0, 0, 2, 0, 1e9, 0, 0, 1, List.of(" Pricing ", "", "demo")))) {
      assertEquals(s.toString(), s.fingerprint());
    }
  }
}
