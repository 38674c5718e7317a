package dev.starling.engine.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * JSON for programs: an array of objects keyed by column key, values typed (numbers as numbers, times
 * as ISO-8601 UTC strings, {@code null} as null), streamed row by row. Text is the data as stored: JSON
 * quoting already makes it inert, and control characters, C1 controls included, are written as
 * {@code \\u} escapes so the output is safe to print on a terminal too.
 */
public final class JsonTableWriter implements TableWriter {
  private static final JsonFactory FACTORY = new JsonFactory().setCharacterEscapes(new ControlEscapes());

  @Override
  public void write(Table table, PrintWriter out) {
    try {
      JsonGenerator g = generator(out);
      rows(g, table);
      finish(g, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Several tables as one JSON object: each table's rows (as {@link #write} gives them) under its name,
   * in order. For a result made of several tables (a subscriber's profile), so the output is one document.
   */
  public void writeAll(java.util.List<Table> tables, PrintWriter out) {
    try {
      JsonGenerator g = generator(out);
      g.writeStartObject();
      for (Table t : tables) {
        g.writeFieldName(t.name());
        rows(g, t);
      }
      g.writeEndObject();
      finish(g, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonGenerator generator(PrintWriter out) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(out).useDefaultPrettyPrinter();
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }

  private static void finish(JsonGenerator g, PrintWriter out) throws IOException {
    g.flush();
    out.print('\n');
    out.flush();
  }

  private static void rows(JsonGenerator g, Table table) throws IOException {
    g.writeStartArray();
    IOException[] failed = new IOException[1];
    table.forEachRow(row -> {
      if (failed[0] != null) {
        return;
      }
      try {
        g.writeStartObject();
        for (int i = 0; i < row.length; i++) {
          Column c = table.columns().get(i);
          g.writeFieldName(c.key());
          value(g, c.type(), row[i]);
        }
        g.writeEndObject();
      } catch (IOException e) {
        failed[0] = e;
      }
    });
    if (failed[0] != null) {
      throw failed[0];
    }
    g.writeEndArray();
  }

  private static void value(JsonGenerator g, ColumnType type, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
      return;
    }
    switch (type) {
      case TEXT, EMAIL, DATE -> g.writeString(v.toString());
      case INTEGER -> g.writeNumber(((Number) v).longValue());
      case DECIMAL, RATIO -> {
        String d = CsvTableWriter.decimal(((Number) v).doubleValue());
        if (d.isEmpty()) {
          g.writeNull();
        } else {
          g.writeNumber(new BigDecimal(d));
        }
      }
      case TIME -> g.writeString(CsvTableWriter.instant((Instant) v));
    }
  }

  /** Jackson escapes C0 controls itself; this adds DEL and the C1 range (U+009B is a terminal's CSI). */
  private static final class ControlEscapes extends CharacterEscapes {
    private final int[] table;

    ControlEscapes() {
      table = standardAsciiEscapesForJSON();
      table[0x7f] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return table;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == 0x7f || (ch >= 0x80 && ch <= 0x9f)) {
        return new SerializedString(String.format("\\u%04x", ch));
      }
      return null;
    }
  }
}
