package dev.starling.engine.country;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CountriesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      España           | ES
      Spain            | ES
      ES               | ES
      es               | ES
      espana           | ES
      ESPAÑA           | ES
      ESP              | ES
      Reino Unido      | GB
      UK               | GB
      United Kingdom   | GB
      GB               | GB
      EE.UU.           | US
      EEUU             | US
      USA              | US
      United States    | US
      Estados Unidos   | US
      Alemania         | DE
      Germany          | DE
      '  México  '     | MX
      Mexico           | MX
      Países Bajos     | NL
      Holland          | NL
      Brasil           | BR
      Côte d'Ivoire    | CI
      """)
  void namesCodesAndVariantsInEnglishAndSpanishAreOneCode(String text, String code) {
    assertEquals(code, Countries.code(text));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Narnia", "  ", "XX", "Europe"})
  void whatIsNoCountryHasNoCode(String text) {
    assertNull(Countries.code(text));
  }

  @Test
  void everyIsoCodeIsItsOwnCode() {
    for (String code : Countries.codes()) {
      assertEquals(code, Countries.code(code.toLowerCase(java.util.Locale.ROOT)), code);
    }
  }
}
