package dev.starling.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.engine.features.EngagementSettings;
import dev.starling.engine.features.StarCriteria;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigFileTest {
  @TempDir Path tmp;

  @Test
  void theWrittenDefaultFileReadsBackAsTheDefaults() {
    ConfigFile.writeDefault(tmp, false);
    assertEquals(new Config(StarCriteria.DEFAULTS, EngagementSettings.DEFAULTS, "rules.yaml"), ConfigFile.load(tmp));
    assertEquals(tmp.resolve("starling.yaml") + " already exists; edit it, or use --force to replace it with the defaults",
        assertThrows(ConfigException.class, () -> ConfigFile.writeDefault(tmp, false)).getMessage());
  }

  @Test
  void noFileMeansDefaultsAndValuesOverrideThem() throws IOException {
    assertEquals(Config.DEFAULTS, ConfigFile.load(tmp));
    Files.writeString(tmp.resolve("starling.yaml"), "stars:\n  min-ratio: 0.75\nmachine-opens:\n  prefetch-seconds: 4\n");
    assertEquals(new Config(new StarCriteria(5, 0.75), EngagementSettings.DEFAULTS.withOpenWindows(4, 120)), ConfigFile.load(tmp));
  }

  @Test
  void outputSettingsAreRead() throws IOException {
    Files.writeString(tmp.resolve("starling.yaml"), "output:\n  language: es\n  time-zone: Europe/Madrid\n  csv-excel: true\n");
    assertEquals(new OutputSettings(java.util.Locale.forLanguageTag("es"), java.time.ZoneId.of("Europe/Madrid"), true),
        ConfigFile.load(tmp).output());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "stars:\\n  min-campaign: 5 | c.yaml:2: unknown key 'stars.min-campaign'; expected one of stars.min-campaigns, stars.min-ratio, machine-opens.prefetch-seconds, machine-opens.proxy-window-seconds, machine-clicks.scanner-click-seconds, machine-clicks.burst-clicks, machine-clicks.burst-seconds, engagement.half-life-days, engagement.open-weight, engagement.click-weight, engagement.dormancy-campaigns, engagement.high-intent-urls, rules.file, output.language, output.time-zone, output.csv-excel, bounces.soft-limit, bounces.soft-span-days",
    "engagement:\\n  half-life-days: 0 | c.yaml:2: key 'engagement.half-life-days' must be a number of days > 0 but was '0'",
    "machine-clicks:\\n  burst-clicks: 1 | c.yaml:2: key 'machine-clicks.burst-clicks' must be a whole number >= 2 but was '1'",
    "# hi\\nstars:\\n  min-ratio: lots | c.yaml:3: key 'stars.min-ratio' must be a number in (0, 1] but was 'lots'",
    "stars:\\n  min-ratio: 1.5 | c.yaml:2: key 'stars.min-ratio' must be a number in (0, 1] but was '1.5'",
    "stars:\\n  min-campaigns: 0 | c.yaml:2: key 'stars.min-campaigns' must be a whole number >= 1 but was '0'",
    "bounces:\\n  soft-limit: 0 | c.yaml:2: key 'bounces.soft-limit' must be a whole number >= 1 but was '0'",
    "bounces:\\n  soft-span-days: 1.5 | c.yaml:2: key 'bounces.soft-span-days' must be a whole number of days >= 1 but was '1.5'",
    "machine-opens:\\n  prefetch-seconds: 2.5 | c.yaml:2: key 'machine-opens.prefetch-seconds' must be a whole number of seconds >= 0 but was '2.5'",
    "stars: [1, 2] | c.yaml:1: key 'stars' must not be a list",
    "output:\\n  language: fr | c.yaml:2: key 'output.language' must be en or es but was 'fr'",
    "output:\\n  time-zone: Mars/Olympus | c.yaml:2: key 'output.time-zone' must be a time zone such as UTC or Europe/Madrid but was 'Mars/Olympus'",
    "output:\\n  csv-excel: si | c.yaml:2: key 'output.csv-excel' must be true or false but was 'si'",
    "- a\\n- b | c.yaml:1: the file must be a map of sections (stars:, machine-opens:) but starts with [",
  })
  void badFilesNameTheLineKeyAndWhatWasExpected(String text, String message) {
    assertEquals(message, assertThrows(ConfigException.class,
        () -> ConfigFile.parse(new StringReader(text.replace("\\n", "\n")), "c.yaml")).getMessage());
  }
}
