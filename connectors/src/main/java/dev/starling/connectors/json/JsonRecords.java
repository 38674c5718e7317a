package dev.starling.connectors.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.starling.connectors.UnreadableSourceException;
import dev.starling.connectors.text.Utf8Lines;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Set;

/**
 * Splits a provider's JSON file into records without ever holding the whole file.
 *
 * <p>Why two modes: a streamed parser cannot resynchronise after a syntax error, but NDJSON lines can.
 * So the first non-blank character decides.
 * <ul>
 *   <li>{@code [}: <b>array mode</b>. One Jackson parser streams the file element by element (and any
 *       further top-level values, so concatenated webhook bodies work too). Records are numbered by
 *       element, 1-based, and reasons say "array element N (line L)". A syntax error refuses the file
 *       whole: {@link UnreadableSourceException}, since nothing after it can be trusted, and keeping
 *       the records before it would drop the rest unseen. A byte that is not UTF-8 is such an error.</li>
 *   <li>{@code {}: <b>line mode</b>. One record per line (NDJSON); a record may also span several lines
 *       (a pretty-printed webhook body): lines are joined until the braces balance. A line that starts
 *       with {@code {} or {@code [} in column 0 while a record is still open means the open record was
 *       truncated: it is rejected and reading goes on from that line. A line holding an array is
 *       split into its elements. Records are numbered by their first line. A line that is not valid
 *       UTF-8 rejects its record ({@code not valid UTF-8 at byte N}) and reading goes on.</li>
 *   <li>anything else: the file is not JSON, one rejection at line 0.</li>
 * </ul>
 * An <em>envelope field</em> (Mailgun {@code items}, Mailchimp {@code emails}) is an array inside a
 * top-level object whose elements are the records. In array mode, and in {@link #streaming} mode
 * (which also streams a file starting with {@code {}), it is read element by element; in line mode
 * the enclosing object is one line or one page, so it is parsed whole and then split.
 */
public final class JsonRecords implements Closeable {

  /** A record longer than this (in chars) is refused rather than buffered: it protects the heap. */
  static final int MAX_RECORD_CHARS = 16 << 20;

  /** For a streamed file: values follow one another, so trailing tokens are the next value. */
  private static final ObjectMapper STREAM = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  /** For one line: anything after the value means the line is not one JSON record. */
  private static final ObjectMapper LINE_MAPPER = STREAM.copy().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The line parser as a reader bound to the tree type once: {@code ObjectMapper.readTree} resolves
   * the {@code JsonNode} type again on every call, a cost paid per record on a million-line log.
   */
  private static final ObjectReader LINE = LINE_MAPPER.readerFor(JsonNode.class);

  private final String source;
  private final Set<String> envelopeFields;
  private final InputStream in;
  private final ArrayDeque<JsonRecord> ready = new ArrayDeque<>();
  private boolean done;

  // array / streaming mode
  private JsonParser parser;
  private long elements;
  private String arrayName; // envelope field being streamed, or "" for a top-level array, null when none
  private ObjectNode envelope = JsonNodeFactory.instance.objectNode();
  private boolean inEnvelope;
  private boolean envelopeHadArray;
  private long envelopeLine;

  // line mode
  private LineSource lines;

  private JsonRecords(InputStream in, String source, Set<String> envelopeFields) {
    this.in = in;
    this.source = source;
    this.envelopeFields = envelopeFields;
  }

  /** Opens {@code in} in the mode its first character calls for (see the class comment). */
  public static JsonRecords open(InputStream in, String source, Set<String> envelopeFields) throws IOException {
    return open(in, source, envelopeFields, false);
  }

  /**
   * Opens {@code in} always streaming with one parser, even when it starts with {@code {}: for a
   * format whose file is one large object (a Mailchimp report page) rather than NDJSON.
   */
  public static JsonRecords streaming(InputStream in, String source, Set<String> envelopeFields) throws IOException {
    return open(in, source, envelopeFields, true);
  }

  private static JsonRecords open(InputStream raw, String source, Set<String> envelopeFields, boolean stream)
      throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    JsonRecords r = new JsonRecords(in, source, envelopeFields);
    int first = firstSignificantByte(in);
    if (first < 0) {
      r.fail(0, "file is empty (expected JSON: an array of events or one event per line)", "");
    } else if (first == '[' || (first == '{' && stream)) {
      r.parser = STREAM.getFactory().createParser(in);
    } else if (first == '{') {
      r.lines = new LineSource(new Utf8Lines(in, MAX_RECORD_CHARS));
    } else {
      String shown = new String(in.readNBytes(60), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
      r.fail(0, "is not JSON: it starts with '" + shown + "' but a JSON file must start with '[' or '{'", shown);
    }
    return r;
  }

  /** The next record, or {@code null} at the end of the file. */
  public JsonRecord next() throws IOException {
    while (ready.isEmpty()) {
      if (done) {
        return null;
      }
      if (parser != null) {
        streamNext();
      } else {
        lineNext();
      }
    }
    return ready.poll();
  }

  private void fail(long number, String problem, String raw) {
    ready.add(new JsonRecord(number, null, null, JsonNodeFactory.instance.objectNode(), raw, problem));
    done = true;
  }

  // ---------------------------------------------------------------- array / streaming mode

  private void streamNext() throws IOException {
    long attempt = elements + 1;
    long line;
    try {
      if (arrayName != null) {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_ARRAY) {
          arrayName = null;
          return;
        }
        elements++;
        line = parser.currentTokenLocation().getLineNr();
        JsonNode node = parser.readValueAsTree();
        String where = (arrayName.isEmpty() ? "array element " : arrayName + " element ") + elements + " (line " + line + ")";
        ready.add(new JsonRecord(elements, where, node, envelope, JsonRecord.shorten(node.toString()), null));
        return;
      }
      if (inEnvelope) {
        JsonToken t = parser.nextToken();
        if (t == JsonToken.END_OBJECT) {
          inEnvelope = false;
          if (!envelopeHadArray) {
            elements++;
            ready.add(new JsonRecord(elements, "record " + elements + " (line " + envelopeLine + ")", envelope,
                envelope, JsonRecord.shorten(envelope.toString()), null));
          }
          return;
        }
        String name = parser.currentName();
        line = parser.currentTokenLocation().getLineNr();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_ARRAY && envelopeFields.contains(name)) {
          arrayName = name;
          envelopeHadArray = true;
        } else {
          envelope.set(name, parser.readValueAsTree());
        }
        return;
      }
      JsonToken t = parser.nextToken();
      if (t == null) {
        done = true;
        return;
      }
      line = parser.currentTokenLocation().getLineNr();
      if (t == JsonToken.START_ARRAY) {
        arrayName = "";
      } else if (t == JsonToken.START_OBJECT && !envelopeFields.isEmpty()) {
        inEnvelope = true;
        envelopeHadArray = false;
        envelopeLine = line;
        envelope = JsonNodeFactory.instance.objectNode();
      } else {
        elements++;
        JsonNode node = parser.readValueAsTree();
        ready.add(new JsonRecord(elements, "record " + elements + " (line " + line + ")", node, envelope,
            JsonRecord.shorten(node.toString()), null));
      }
    } catch (JsonProcessingException e) {
      // One parser streams the whole file and cannot resume after a syntax error (or a byte that is
      // not UTF-8): refuse the file rather than keep the records before the error and lose the rest.
      done = true;
      String what = arrayName == null ? "record " + attempt
          : (arrayName.isEmpty() ? "array element " : arrayName + " element ") + attempt;
      JsonLocation at = e.getLocation();
      throw new UnreadableSourceException(source, at == null ? 0 : Math.max(at.getLineNr(), 0),
          what + " is not valid JSON: " + describe(e, true) + "; the rest of the file cannot be read", e);
    }
  }

  // ---------------------------------------------------------------- line mode

  private void lineNext() throws IOException {
    Chunk c = lines.nextChunk();
    if (c == null) {
      done = true;
      return;
    }
    String raw = JsonRecord.shorten(c.text);
    if (c.problem != null) {
      ready.add(new JsonRecord(c.line, null, null, envelope, raw, c.problem));
      return;
    }
    JsonNode node;
    try {
      node = LINE.readTree(c.text);
    } catch (JsonProcessingException e) {
      ready.add(new JsonRecord(c.line, null, null, envelope, raw, "is not valid JSON: " + describe(e, false)));
      return;
    }
    boolean oneLine = c.text.indexOf('\n') < 0;
    if (node.isArray()) {
      split(node, c.line, "array element ", oneLine);
      return;
    }
    if (node.isObject()) {
      for (String f : envelopeFields) {
        if (node.path(f).isArray()) {
          split(node.path(f), c.line, f + " element ", oneLine);
          return;
        }
      }
    }
    ready.add(new JsonRecord(c.line, null, node, envelope, raw, null));
  }

  private void split(JsonNode array, long line, String label, boolean oneLine) {
    String suffix = oneLine ? " on this line" : " of the record starting on this line";
    int i = 0;
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      JsonNode e = it.next();
      i++;
      ready.add(new JsonRecord(line, label + i + suffix, e, envelope, JsonRecord.shorten(e.toString()), null));
    }
  }

  private static String describe(JsonProcessingException e, boolean withLine) {
    JsonLocation at = e.getLocation();
    String msg = e.getOriginalMessage().replaceAll("\\s+", " ").strip();
    if (at == null || at.getColumnNr() < 0) {
      return msg;
    }
    return msg + (withLine ? " (line " + at.getLineNr() + ", column " : " (column ") + at.getColumnNr() + ")";
  }

  private static int firstSignificantByte(BufferedInputStream in) throws IOException {
    in.mark(1 << 16);
    try {
      int b;
      int i = 0;
      while ((b = in.read()) >= 0 && i++ < (1 << 16) - 1) {
        if (i <= 3 && (b == 0xEF || b == 0xBB || b == 0xBF)) {
          continue; // UTF-8 BOM
        }
        if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
          return b;
        }
      }
      return -1;
    } finally {
      in.reset();
    }
  }

  @Override
  public void close() throws IOException {
    if (parser != null) {
      parser.close();
    }
    in.close();
  }

  private record Chunk(long line, String text, String problem) {}

  /**
   * Lines joined into records by brace depth, with a length cap; see the class comment. Lines are
   * decoded strictly ({@link Utf8Lines}): a record with a byte that is not UTF-8 is rejected with the
   * byte's offset (JSON is UTF-8 by RFC 8259), never read with U+FFFD in place of the bad bytes.
   */
  private static final class LineSource {
    private final Utf8Lines lines;
    private long lineNo;
    private Utf8Lines.Line pushedBack;

    LineSource(Utf8Lines lines) {
      this.lines = lines;
    }

    Chunk nextChunk() throws IOException {
      StringBuilder record = new StringBuilder();
      long start = 0;
      int depth = 0;
      boolean inString = false;
      boolean escaped = false;
      String badBytes = null;
      while (true) {
        Utf8Lines.Line next;
        if (pushedBack != null) {
          next = pushedBack;
          pushedBack = null;
        } else {
          next = lines.next();
          if (next == null) {
            if (record.isEmpty()) {
              return null;
            }
            return new Chunk(start, record.toString(),
                "is not complete JSON: the file ends before the record's closing bracket");
          }
          lineNo = next.number();
          if (next.problem() != null && next.problem().startsWith("is longer")) {
            return new Chunk(record.isEmpty() ? lineNo : start, record.isEmpty() ? next.text() : record.toString(),
                "is longer than " + MAX_RECORD_CHARS + " bytes; not read");
          }
        }
        String line = next.text();
        if (record.isEmpty()) {
          if (line.isBlank()) {
            continue;
          }
          start = next.number();
        } else if (!line.isEmpty() && (line.charAt(0) == '{' || line.charAt(0) == '[')) {
          pushedBack = next;
          return new Chunk(start, record.toString(), badBytes != null ? badBytes
              : "is not complete JSON: a new record starts on line " + next.number() + " before this one is closed");
        }
        if (badBytes == null && next.problem() != null) {
          badBytes = next.number() == start ? next.problem() : "line " + next.number() + " " + next.problem();
        }
        if (record.length() + line.length() > MAX_RECORD_CHARS) {
          return new Chunk(start, record.toString(), "is longer than " + MAX_RECORD_CHARS + " bytes; not read");
        }
        if (!record.isEmpty()) {
          record.append('\n');
        }
        record.append(line);
        for (int i = 0; i < line.length(); i++) {
          char ch = line.charAt(i);
          if (inString) {
            if (escaped) {
              escaped = false;
            } else if (ch == '\\') {
              escaped = true;
            } else if (ch == '"') {
              inString = false;
            }
          } else if (ch == '"') {
            inString = true;
          } else if (ch == '{' || ch == '[') {
            depth++;
          } else if (ch == '}' || ch == ']') {
            depth--;
          }
        }
        if (depth <= 0) {
          return new Chunk(start, record.toString(), badBytes);
        }
      }
    }
  }
}
