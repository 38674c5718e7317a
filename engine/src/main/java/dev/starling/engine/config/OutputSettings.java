package dev.starling.engine.config;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;

/**
 * How results are shown ({@code output:} in starling.yaml).
 *
 * @param language the language of table headers and number formats: {@code en} or {@code es}
 * @param timeZone the zone times are shown in on the terminal (CSV and JSON always write UTC)
 * @param csvExcel write CSV for a Spanish Excel (BOM, {@code ;}, decimal comma) even without {@code --csv-excel}
 */
public record OutputSettings(Locale language, ZoneId timeZone, boolean csvExcel) {
  public static final OutputSettings DEFAULTS = new OutputSettings(Locale.ENGLISH, ZoneId.of("UTC"), false);

  public OutputSettings {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(timeZone, "timeZone");
    if (!language.getLanguage().equals("en") && !language.getLanguage().equals("es")) {
      throw new IllegalArgumentException("language must be en or es but was '" + language.toLanguageTag() + "'");
    }
  }
}
