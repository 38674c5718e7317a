package dev.starling.engine.report;

import java.util.regex.Pattern;

/**
 * The one place that makes text from imported data harmless before a writer shows it. Subscriber names,
 * companies, URLs and user agents come from files anyone can write: in a spreadsheet a cell
 * {@code =HYPERLINK("http://evil","click")} is a live formula, and on a terminal {@code ESC[31m} or an
 * OSC 8 hyperlink changes what the reader sees. Writers call these for every TEXT and EMAIL cell and
 * never for numbers, so a negative INTEGER stays a number.
 */
public final class CellText {
  /**
   * Escape sequences (ESC or the C1 introducers CSI U+009B, OSC U+009D, DCS U+0090, and their string
   * terminators): CSI up to its final byte, OSC/DCS/APC/PM/SOS up to BEL or ST, any other ESC pair.
   */
  private static final Pattern ESCAPES = Pattern.compile(
      "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?"
          + "|(?:\\u001b[\\]PX^_]|[\\u009d\\u0090\\u0098\\u009e\\u009f])[^\\u0007\\u001b\\u009c]*(?:\\u0007|\\u001b\\\\|\\u009c)?"
          + "|\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?");
  /** C0 and C1 controls and DEL, except tab, CR and LF (a CSV field may hold them, quoted). */
  private static final Pattern CONTROLS_BUT_LINES = Pattern.compile("[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f]");
  /** Bidirectional overrides and isolates: they reorder what the reader sees (Trojan Source). */
  private static final Pattern BIDI = Pattern.compile("[\\u202a-\\u202e\\u2066-\\u2069]");
  /** Every C0/C1 control and DEL. */
  private static final Pattern CONTROLS = Pattern.compile("[\\u0000-\\u001f\\u007f-\\u009f]");

  private CellText() {}

  /**
   * A cell for CSV or xlsx: escape sequences and control characters other than tab, CR and LF removed,
   * then, if it begins with {@code =}, {@code +}, {@code -}, {@code @}, tab or CR, a single quote in
   * front so a spreadsheet shows it as text (OWASP "CSV injection").
   */
  public static String forSpreadsheet(String text) {
    String clean = plain(text, true) ? text : cleanForSpreadsheet(text);
    if (!clean.isEmpty() && "=+-@\t\r".indexOf(clean.charAt(0)) >= 0) {
      return "'" + clean;
    }
    return clean;
  }

  /**
   * A cell or message line for a terminal: escape sequences, control characters and bidirectional
   * overrides removed; tabs, CR and LF become one space each, so a cell stays on its line.
   */
  public static String forTerminal(String text) {
    return plain(text, false) ? text : cleanForTerminal(text);
  }

  /** {@link #forSpreadsheet} without the quote in front, by the patterns alone (no shortcut for plain text). */
  static String cleanForSpreadsheet(String text) {
    return BIDI.matcher(CONTROLS_BUT_LINES.matcher(ESCAPES.matcher(text).replaceAll("")).replaceAll("")).replaceAll("");
  }

  /** {@link #forTerminal} by the patterns alone (no shortcut for plain text). */
  static String cleanForTerminal(String text) {
    String noEscapes = ESCAPES.matcher(text).replaceAll("");
    String spaced = noEscapes.replace('\t', ' ').replace('\r', ' ').replace('\n', ' ');
    return BIDI.matcher(CONTROLS.matcher(spaced).replaceAll("")).replaceAll("");
  }

  /**
   * Whether {@code text} holds nothing the patterns above remove or change: no C0/C1 control or DEL (every
   * escape sequence starts with one), except tab, CR and LF when {@code linesAllowed}, and no bidirectional
   * control. Nearly every cell is such text, and one pass over its chars is much cheaper than three
   * regular expressions: rendering 1,500 stars as CSV ran 13,500 of them.
   */
  private static boolean plain(String text, boolean linesAllowed) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 ? !(linesAllowed && (c == '\t' || c == '\r' || c == '\n'))
          : c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
        return false;
      }
    }
    return true;
  }

  /** Several lines for a terminal (an error message): each line as {@link #forTerminal}, the breaks kept. */
  public static String linesForTerminal(String text) {
    return String.join("\n", text.lines().map(CellText::forTerminal).toList());
  }
}
