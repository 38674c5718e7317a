package dev.starling.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WritersTest {
  static final Locale ES = Locale.forLanguageTag("es");
  static final List<Column> COLUMNS = List.of(Column.of("email", ColumnType.EMAIL), Column.of("name", ColumnType.TEXT),
      Column.of("received", ColumnType.INTEGER), Column.of("ratio", ColumnType.RATIO), Column.of("score", ColumnType.DECIMAL),
      Column.of("last_human_at", ColumnType.TIME));

  /** Hostile text from an imported list beside honest numbers, one of them negative. */
  static Table hostile() {
    return Table.of("stars", COLUMNS, List.of(
        new Object[] {"ana@acme.example", "=HYPERLINK(\"http://evil.example\",\"click\")", 1234L, 11.0 / 12, -2.5,
            Instant.parse("2026-05-31T22:30:00Z")},
        new Object[] {"bob@acme.example", "\u001b[31mRed, Bob\u001b[0m", -3, null, null, null}));
  }

  static String write(TableWriter writer, Table table) {
    StringWriter s = new StringWriter();
    writer.write(table, new PrintWriter(s));
    return s.toString();
  }

  @Test
  void aHundredCharactersNarrowTheWidestTextColumnAndWrapIt() {
    assertEquals("""
        email             name                                      received  ratio  score  last human
        ana@acme.example  =HYPERLINK("http://evil.example","click"     1,234  91.7%   -2.5  2026-05-31 22:30
                          )
        bob@acme.example  Red, Bob                                        -3
        """, write(new TerminalTableWriter(Presentation.DEFAULTS), hostile()));
  }

  @Test
  void terminalInEnglish() {
    String out = write(new TerminalTableWriter(new Presentation(Locale.ENGLISH, ZoneId.of("UTC"), 120)), hostile());
    assertEquals("""
        email             name                                       received  ratio  score  last human
        ana@acme.example  =HYPERLINK("http://evil.example","click")     1,234  91.7%   -2.5  2026-05-31 22:30
        bob@acme.example  Red, Bob                                         -3
        """, out);
  }

  @Test
  void terminalInSpanishWithTheZone() {
    String out = write(new TerminalTableWriter(new Presentation(ES, ZoneId.of("Europe/Madrid"), 120)), hostile());
    assertEquals("""
        correo            nombre                                     recibidos    tasa  score  última humana
        ana@acme.example  =HYPERLINK("http://evil.example","click")      1.234  91,7 %   -2,5  2026-06-01 00:30
        bob@acme.example  Red, Bob                                          -3
        """, out);
  }

  @Test
  void csvIsRfc4180WithInertFormulasAndNumbersThatStayNumbers() {
    assertEquals("email,name,received,ratio,score,last_human_at\r\n"
        + "ana@acme.example,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",1234,0.9167,-2.5,2026-05-31T22:30:00Z\r\n"
        + "bob@acme.example,\"Red, Bob\",-3,,,\r\n", write(new CsvTableWriter(CsvTableWriter.Style.RFC4180), hostile()));
  }

  @Test
  void csvForSpanishExcelHasABomSemicolonsAndDecimalCommas() {
    assertEquals("\uFEFFemail;name;received;ratio;score;last_human_at\r\n"
        + "ana@acme.example;\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\";1234;0,9167;-2,5;2026-05-31T22:30:00Z\r\n"
        + "bob@acme.example;Red, Bob;-3;;;\r\n", write(new CsvTableWriter(CsvTableWriter.Style.EXCEL_ES), hostile()));
  }

  @Test
  void jsonIsTypedAndEscapesControlCharacters() {
    assertEquals("""
        [ {
          "email" : "ana@acme.example",
          "name" : "=HYPERLINK(\\"http://evil.example\\",\\"click\\")",
          "received" : 1234,
          "ratio" : 0.9167,
          "score" : -2.5,
          "last_human_at" : "2026-05-31T22:30:00Z"
        }, {
          "email" : "bob@acme.example",
          "name" : "\\u001B[31mRed, Bob\\u001B[0m",
          "received" : -3,
          "ratio" : null,
          "score" : null,
          "last_human_at" : null
        } ]
        """, write(new JsonTableWriter(), hostile()));
  }

  @Test
  void jsonEscapesC1ControlsAndAnEmptyTableIsAnEmptyArray() {
    Table t = Table.of("x", List.of(Column.of("name", ColumnType.TEXT)), List.<Object[]>of(new Object[] {"a\u009b31mb\u007f"}));
    assertEquals("[ {\n  \"name\" : \"a\\u009b31mb\\u007f\"\n} ]\n", write(new JsonTableWriter(), t));
    assertEquals("[ ]\n", write(new JsonTableWriter(), Table.of("x", List.of(Column.of("name", ColumnType.TEXT)), List.of())));
  }

  @Test
  void anEmptyTableStillHasItsHeaderRow() {
    Table empty = Table.of("stars", COLUMNS, List.of());
    assertEquals("email  name  received  ratio  score  last human\n",
        write(new TerminalTableWriter(Presentation.DEFAULTS), empty));
    assertEquals("email,name,received,ratio,score,last_human_at\r\n", write(new CsvTableWriter(CsvTableWriter.Style.RFC4180), empty));
  }

  static Table reasons(String reason) {
    return Table.of("leads", List.of(Column.of("id", ColumnType.INTEGER), Column.of("who", ColumnType.EMAIL),
        Column.of("reason", ColumnType.TEXT)), List.<Object[]>of(
            new Object[] {1L, "maria.fernandez-garcia@consultoria.example", reason},
            new Object[] {12L, "ana@acme.example", "short"}));
  }

  @Test
  void aFortyCharacterValueFitsWhenThereIsRoom() {
    String forty = "opened 12 of the last 12; clicked prices";
    assertEquals(40, forty.length());
    assertEquals("""
         #  who                                         reason
         1  maria.fernandez-garcia@consultoria.example  opened 12 of the last 12; clicked prices
        12  ana@acme.example                            short
        """, write(new TerminalTableWriter(new Presentation(Locale.ENGLISH, ZoneId.of("UTC"), 100)), reasons(forty)));
  }

  @Test
  void aLongReasonWrapsAndALongAddressIsCutSoNoLineIsWiderThanTheTerminal() {
    String reason = "opened 12 of the last 12 newsletters; clicked /pricing twice and /demo once; "
        + "colleagues at consultoria.example opened 30 newsletters this quarter; the account has grown by 4 people";
    String out = write(new TerminalTableWriter(new Presentation(Locale.ENGLISH, ZoneId.of("UTC"), 60)), reasons(reason));
    assertEquals("""
         #  who                          reason
         1  maria.fernandez-garcia@con…  opened 12 of the last 12
                                         newsletters; clicked
                                         /pricing twice and /demo
                                         once; colleagues at
                                         consultoria.example opened
                                         30 newsletters this
                                         quarter; the account has
                                         grown by 4 people
        12  ana@acme.example             short
        """, out);
  }

  @ParameterizedTest(name = "width {0}")
  @CsvSource({"20", "40", "80", "100", "190"})
  void noLineIsEverWiderThanTheWidth(int width) {
    String value = "x".repeat(190);
    Table t = Table.of("wide", List.of(Column.of("a", ColumnType.TEXT), Column.of("b", ColumnType.EMAIL),
        Column.of("n", ColumnType.INTEGER), Column.of("m", ColumnType.INTEGER), Column.of("o", ColumnType.INTEGER)),
        List.<Object[]>of(new Object[] {value, value, 123_456_789L, 123_456_789L, 123_456_789L}));
    String out = write(new TerminalTableWriter(new Presentation(Locale.ENGLISH, ZoneId.of("UTC"), width)), t);
    List<Integer> widths = out.lines().map(String::length).toList();
    assertTrue(widths.stream().allMatch(w -> w <= width), widths + "\n" + out);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "en | INTEGER | 1234      | 1,234",
    "es | INTEGER | 1234      | 1.234",
    "en | INTEGER | 1234567   | 1,234,567",
    "es | INTEGER | 1234567   | 1.234.567",
    "en | INTEGER | -1234     | -1,234",
    "en | RATIO   | 0.91666   | 91.7%",
    "es | RATIO   | 0.91666   | 91,7 %",
    "en | RATIO   | 1         | 100.0%",
    "es | RATIO   | 0         | 0,0 %",
    "en | DECIMAL | 1234.5678 | 1,234.57",
    "es | DECIMAL | 1234.5678 | 1.234,57",
  })
  void numbersFollowTheLanguage(String language, ColumnType type, String value, String shown) {
    Object v = type == ColumnType.INTEGER ? (Object) Long.parseLong(value) : (Object) Double.parseDouble(value);
    TerminalTableWriter w = new TerminalTableWriter(new Presentation(Locale.forLanguageTag(language), ZoneId.of("UTC"), 100));
    assertEquals(shown, w.cell(type, v));
  }

  @Test
  void selectKeepsTheNamedColumnsInTheirNewOrder() {
    Table view = hostile().select(List.of("received", "email"));
    assertEquals(List.of(Column.of("received", ColumnType.INTEGER), Column.of("email", ColumnType.EMAIL)), view.columns());
    assertEquals(List.of("[1234, ana@acme.example]", "[-3, bob@acme.example]"),
        view.materialise().stream().map(Arrays::toString).toList());
    assertEquals("table stars has no column 'nope'",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> hostile().select(List.of("nope")))
            .getMessage());
  }

  @Test
  void labelsAreTranslatedAndFallBackToTheKey() {
    assertEquals("aperturas humanas", Labels.of(ES).column("human_opens"));
    assertEquals("human opens", Labels.of(Locale.ENGLISH).column("human_opens"));
    assertEquals("not_a_known_key", Labels.of(ES).column("not_a_known_key"));
    assertEquals("Suscriptores estrella", Labels.of(ES).table("stars"));
    assertEquals("human opens", Labels.of(Locale.FRENCH).column("human_opens"));
    assertEquals(Arrays.asList("1 row", "2 rows", "1,234 rows", "0 matches", "1 match"), Arrays.asList(Count.of(1, "row"),
        Count.of(2, "row"), Count.of(1234, "row"), Count.of(0, "match", "matches"), Count.of(1, "match", "matches")));
  }
}
