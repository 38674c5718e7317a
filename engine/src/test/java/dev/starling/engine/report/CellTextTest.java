package dev.starling.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellTextTest {
  @ParameterizedTest(name = "spreadsheet: {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "=HYPERLINK(\"http://evil.example\",\"click\") | '=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1+cmd                                        | '+1+cmd",
    "-2+3                                          | '-2+3",
    "@SUM(A1:A9)                                   | '@SUM(A1:A9)",
    "`\t=1`                                        | `'\t=1`",
    "`\r=1`                                        | `'\r=1`",
    "Ana María                                     | Ana María",
    "ana-maria@acme.example                        | ana-maria@acme.example",
    "`a=b, -c`                                     | `a=b, -c`",
    "\\u001b[31mRed\\u001b[0m                      | Red",
    "\\u001b]8;;http://evil\\u0007link\\u001b]8;;\\u0007 | link",
    "\\u001b[31m=1+2                               | '=1+2",
    "`line one\nline two`                          | `line one\nline two`",
    "bell\\u0007 and nul\\u0000                    | bell and nul",
    "\\u202eevil\\u202c                            | evil",
  })
  void spreadsheetCellsAreInert(String in, String expected) {
    assertEquals(unescape(expected), CellText.forSpreadsheet(unescape(in)));
  }

  @ParameterizedTest(name = "terminal: {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
    "\\u001b[31mRed\\u001b[0m                      | Red",
    "\\u001b[2J\\u001b[Hcleared                    | cleared",
    "\\u001b]0;title\\u001b\\\\text                | text",
    "\\u001b]8;;http://evil\\u0007link\\u001b]8;;\\u0007 | link",
    "\\u009b31mC1 CSI                              | C1 CSI",
    "`a\tb`                                        | a b",
    "`one\r\ntwo`                                  | one  two",
    "back\\u0008space\\u007f                       | backspace",
    "=HYPERLINK(\"x\")                             | =HYPERLINK(\"x\")",
    "\\u202eevil\\u202c                            | evil",
    "Ørsted São Paulo                              | Ørsted São Paulo",
  })
  void terminalCellsMoveNoCursorAndChangeNoColour(String in, String expected) {
    assertEquals(unescape(expected), CellText.forTerminal(unescape(in)));
  }

  /**
   * Plain text skips the patterns: for every char, alone and between letters, and for each char in front
   * of an escape sequence's opener, the result is what the patterns alone make of it.
   */
  @Test
  void theShortcutForPlainTextChangesNoResult() {
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      for (String text : new String[] {String.valueOf((char) c), "a" + (char) c + "b", (char) c + "[31mx", "\u001b" + (char) c + "x"}) {
        String quoted = CellText.cleanForSpreadsheet(text);
        quoted = !quoted.isEmpty() && "=+-@\t\r".indexOf(quoted.charAt(0)) >= 0 ? "'" + quoted : quoted;
        assertEquals(quoted, CellText.forSpreadsheet(text), () -> "spreadsheet, U+" + Integer.toHexString(text.charAt(0)));
        assertEquals(CellText.cleanForTerminal(text), CellText.forTerminal(text), () -> "terminal, U+" + Integer.toHexString(text.charAt(0)));
      }
    }
  }

  /** Test data writes control characters as {@code \\uXXXX} so the table stays readable. */
  static String unescape(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      if (s.startsWith("\\u", i) && i + 6 <= s.length()) {
        sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (s.startsWith("\\\\", i)) {
        sb.append('\\');
        i++;
      } else {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }
}
