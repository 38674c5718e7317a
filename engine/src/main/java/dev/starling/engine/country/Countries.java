package dev.starling.engine.country;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Country names and codes to ISO 3166-1 alpha-2. Names are compared folded: lower case, accents and
 * punctuation removed, spaces collapsed, so "España", "espana" and "ESPAÑA" are one key, and "EE.UU." is
 * "eeuu". The table is built once from the JDK (every ISO country's code, and its English and Spanish
 * names) and {@code aliases.txt} beside this class (UK, USA, Holland, ...), which wins on a clash.
 *
 * <pre>{@code
 * Countries.code("Reino Unido")  // "GB"
 * Countries.code("Narnia")       // null: not a country we know; the original text is kept anyway
 * }</pre>
 */
public final class Countries {
  private static final Map<String, String> BY_KEY = table();

  private Countries() {}

  /** The ISO 3166-1 alpha-2 code of {@code text} (a code, a name in English or Spanish, a common variant), or null. */
  public static String code(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return BY_KEY.get(fold(text));
  }

  /** Every ISO 3166-1 alpha-2 code the JDK knows. */
  public static Set<String> codes() {
    return Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);
  }

  /** The folded key: lower case, no accents, only letters and digits, single spaces between words. */
  static String fold(String text) {
    String decomposed = Normalizer.normalize(text.strip(), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean space = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK || c == '.' || c == '\'' || c == '\u2019' || c == '\u2018') {
        continue; // "EE.UU." is "eeuu", "Côte d'Ivoire" is "cote divoire"
      }
      if (Character.isLetterOrDigit(c)) {
        if (space && out.length() > 0) {
          out.append(' ');
        }
        space = false;
        out.append(Character.toLowerCase(c));
      } else {
        space = true;
      }
    }
    return out.toString();
  }

  private static Map<String, String> table() {
    Map<String, String> table = new HashMap<>();
    Locale spanish = Locale.forLanguageTag("es");
    for (String code : codes()) {
      Locale country = new Locale.Builder().setRegion(code).build();
      table.put(fold(code), code);
      table.putIfAbsent(fold(country.getDisplayCountry(Locale.ENGLISH)), code);
      table.putIfAbsent(fold(country.getDisplayCountry(spanish)), code);
      String alpha3 = country.getISO3Country();
      if (!alpha3.isEmpty()) {
        table.putIfAbsent(fold(alpha3), code);
      }
    }
    table.putAll(aliases());
    return Map.copyOf(table);
  }

  /** {@code aliases.txt}: one "variant = CODE" per line, {@code #} comments; the variant is folded here. */
  private static Map<String, String> aliases() {
    Map<String, String> out = new HashMap<>();
    try (InputStream in = Countries.class.getResourceAsStream("aliases.txt")) {
      if (in == null) {
        throw new IllegalStateException("aliases.txt is missing from the build");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        String text = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
        if (text.isBlank()) {
          continue;
        }
        int eq = text.lastIndexOf('=');
        String code = eq < 0 ? "" : text.substring(eq + 1).strip();
        if (eq < 0 || !codes().contains(code)) {
          throw new IllegalStateException("aliases.txt:" + n + ": must be 'variant = ISO code' but was '" + line + "'");
        }
        out.put(fold(text.substring(0, eq)), code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
