package dev.starling.engine.report;

import java.util.Locale;

/** The formats every command that prints results offers with {@code --format}. */
public enum OutputFormat {
  TABLE,
  CSV,
  JSON;

  /** The writer for this format. */
  public TableWriter writer(Presentation presentation, CsvTableWriter.Style csvStyle) {
    return switch (this) {
      case TABLE -> new TerminalTableWriter(presentation);
      case CSV -> new CsvTableWriter(csvStyle);
      case JSON -> new JsonTableWriter();
    };
  }

  /** {@code table}, {@code csv} or {@code json}, in any case. */
  public static OutputFormat byName(String name) {
    for (OutputFormat f : values()) {
      if (f.name().equalsIgnoreCase(name.strip())) {
        return f;
      }
    }
    throw new IllegalArgumentException("must be table, csv or json but was '" + name + "'");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
