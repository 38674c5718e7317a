package dev.starling.engine.report;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * Translated column headers and table titles, from {@code labels_<language>.properties} beside this
 * class (UTF-8, keys {@code column.<key>} and {@code table.<name>}). A key with no translation shows
 * as itself, so a new column is never blank, only untranslated.
 *
 * <pre>{@code
 * Labels es = Labels.of(Locale.forLanguageTag("es"));
 * es.column("human_opens");   // "Aperturas humanas"
 * es.column("not_yet_named"); // "not_yet_named"
 * }</pre>
 */
public final class Labels {
  private static final String BUNDLE = "dev.starling.engine.report.labels";

  private final Locale locale;
  private final ResourceBundle bundle;

  private Labels(Locale locale, ResourceBundle bundle) {
    this.locale = locale;
    this.bundle = bundle;
  }

  /** The labels of {@code locale}'s language; English for a language we have no file for. */
  public static Labels of(Locale locale) {
    Objects.requireNonNull(locale, "locale");
    // No fallback to the JVM's default locale: a Spanish laptop must not turn an English report Spanish.
    ResourceBundle.Control control = ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    try {
      return new Labels(locale, ResourceBundle.getBundle(BUNDLE, Locale.forLanguageTag(locale.getLanguage()), control));
    } catch (MissingResourceException e) {
      return new Labels(Locale.ENGLISH, ResourceBundle.getBundle(BUNDLE, Locale.ENGLISH, control));
    }
  }

  /** The language these labels are in. */
  public Locale locale() {
    return locale;
  }

  /** The header of column {@code key}. */
  public String column(String key) {
    return text("column." + key, key);
  }

  /** The title of table {@code name}. */
  public String table(String name) {
    return text("table." + name, name);
  }

  /**
   * The sentence {@code message.<key>} in this language, its {@code {0}} ... filled by {@link
   * java.text.MessageFormat} in this locale: numbers grouped the reader's way, and {@code {0,choice,...}}
   * for singular and plural ("1 row", "2 rows"). A missing key shows as itself.
   */
  public String message(String key, Object... args) {
    String pattern = text("message." + key, key);
    return new java.text.MessageFormat(pattern, locale).format(args);
  }

  private String text(String key, String fallback) {
    return bundle.containsKey(key) ? bundle.getString(key) : fallback;
  }
}
