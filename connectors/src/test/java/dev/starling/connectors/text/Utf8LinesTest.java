package dev.starling.connectors.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8LinesTest {

  /** Each line is {@code 41 <bytes> 0A}: the reason names the file offset of the first bad byte, or none. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "c3a9            | ''                          | two-byte é",
      "e282ac          | ''                          | three-byte €",
      "f09f9880        | ''                          | four-byte emoji",
      "e9              | not valid UTF-8 at byte 1   | Latin-1 é",
      "c0af            | not valid UTF-8 at byte 1   | overlong /",
      "e080af          | not valid UTF-8 at byte 1   | overlong three-byte",
      "eda080          | not valid UTF-8 at byte 1   | surrogate D800",
      "f4908080        | not valid UTF-8 at byte 1   | above U+10FFFF",
      "4142e282        | not valid UTF-8 at byte 3   | truncated at line end",
      "c3a9ff          | not valid UTF-8 at byte 3   | after a good one",
  })
  void everyMalformedSequenceIsNamedByItsOffset(String hex, String problem, String what) throws IOException {
    byte[] body = HexFormat.of().parseHex(hex);
    byte[] line = new byte[body.length + 2];
    line[0] = 'A';
    System.arraycopy(body, 0, line, 1, body.length);
    line[line.length - 1] = '\n';
    List<Utf8Lines.Line> got = all(line, 1 << 10);
    assertEquals(1, got.size(), what);
    assertEquals(problem.isEmpty() ? null : problem, got.get(0).problem(), what);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "efbbbf610d0a62    | a,b",        // BOM skipped, CRLF and a last line without terminator
      "610a0a62          | a,,b",       // an empty line is a line
  })
  void linesAreNumberedAndTerminatorsDropped(String hex, String texts) throws IOException {
    List<Utf8Lines.Line> got = all(HexFormat.of().parseHex(hex), 1 << 10);
    assertEquals(List.of(texts.split(",", -1)), got.stream().map(Utf8Lines.Line::text).toList());
    assertEquals(got.size(), got.get(got.size() - 1).number());
  }

  private static List<Utf8Lines.Line> all(byte[] bytes, int max) throws IOException {
    List<Utf8Lines.Line> out = new ArrayList<>();
    try (Utf8Lines lines = new Utf8Lines(new ByteArrayInputStream(bytes), max)) {
      for (Utf8Lines.Line l = lines.next(); l != null; l = lines.next()) {
        out.add(l);
      }
    }
    return out;
  }
}
