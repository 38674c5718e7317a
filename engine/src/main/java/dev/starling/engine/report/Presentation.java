package dev.starling.engine.report;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How human writers show values: the reader's language (labels, digit grouping, decimal mark), time
 * zone and line width. Machine writers (JSON, plain CSV) ignore all three.
 *
 * @param width the longest line a terminal writer may print, at least {@link #MIN_WIDTH}
 */
public record Presentation(Locale locale, ZoneId zone, int width) {
  /** Below this no table is readable; narrower requests are raised to it. */
  public static final int MIN_WIDTH = 20;
  /** The width when nothing says otherwise (output not to a terminal, no COLUMNS). */
  public static final int DEFAULT_WIDTH = 100;

  public static final Presentation DEFAULTS = new Presentation(Locale.ENGLISH, ZoneId.of("UTC"), DEFAULT_WIDTH);

  public Presentation {
    Objects.requireNonNull(locale, "locale");
    Objects.requireNonNull(zone, "zone");
    width = Math.max(MIN_WIDTH, width);
  }

  /**
   * Prose (a summary line, a footnote) broken at spaces into lines that fit {@link #width()}, each
   * continuation line starting with {@code indent}; cleaned as {@link CellText#forTerminal} does.
   */
  public String wrap(String text, String indent) {
    List<String> lines = TerminalTableWriter.pieces(ColumnType.TEXT, CellText.forTerminal(text), width);
    StringBuilder sb = new StringBuilder(lines.get(0));
    if (lines.size() > 1) {
      String rest = String.join(" ", lines.subList(1, lines.size()));
      for (String line : TerminalTableWriter.pieces(ColumnType.TEXT, rest, width - indent.length())) {
        sb.append('\n').append(indent).append(line);
      }
    }
    return sb.toString();
  }

  public Labels labels() {
    return Labels.of(locale);
  }
}
