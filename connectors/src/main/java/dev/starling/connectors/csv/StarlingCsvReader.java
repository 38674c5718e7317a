package dev.starling.connectors.csv;

import dev.starling.connectors.BounceKind;
import dev.starling.connectors.Campaign;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import dev.starling.connectors.Times;
import dev.starling.connectors.UnreadableSourceException;
import dev.starling.connectors.text.CsvLine;
import dev.starling.connectors.text.Utf8Lines;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one of Starling's CSV files as a stream. The header row decides the kind: a {@code type}
 * column means events, {@code email} without it means subscribers, {@code campaign_id} without
 * {@code email} means campaigns. Every later row becomes a record or a {@link Rejection} naming the line
 * and the reason; a file that is empty, binary or has no usable header is one rejection at line 0 or 1.
 *
 * <p>Why we split lines ourselves instead of handing the stream to a CSV library: a library parses
 * the file as one stream, so one stray quote swallows every line after it into a single field and the
 * rest of the file is lost. Here each line is read and decoded on its own ({@link Utf8Lines}), so:
 * <ul>
 *   <li>an <b>events</b> file is one event per line (no event field holds a line break): a line whose
 *       quote is never closed is rejected as a stray quote and the next line is read;</li>
 *   <li>in a <b>subscribers</b> or <b>campaigns</b> file a quoted field may hold line breaks (an
 *       address, a name), so an open quote continues on the next line; if it is still open at the end
 *       of the file, or runs past {@value #MAX_RECORD_CHARS} characters, the file cannot be read past
 *       that line and {@link UnreadableSourceException} refuses it whole;</li>
 *   <li>a line that is not valid UTF-8 is rejected ({@code not valid UTF-8 at byte N}, N counted from
 *       the start of the file): this format is UTF-8 only, and decoding bad bytes to U+FFFD would
 *       make distinct bad addresses collide;</li>
 *   <li>a line over {@value #MAX_LINE_BYTES} bytes is rejected without being held in memory.</li>
 * </ul>
 * Quoting is RFC 4180 and as lenient as before: a quote inside an unquoted field is a character.
 */
public final class StarlingCsvReader implements FactReader {

  /** Longest line held; a longer one is rejected (events) or ends the file (inside a quoted field). */
  static final int MAX_LINE_BYTES = 1 << 20;
  /** Longest record spread over several lines by a quoted field. */
  static final int MAX_RECORD_CHARS = 1 << 20;

  private enum Kind { SUBSCRIBERS, CAMPAIGNS, EVENTS }

  private final String source;
  private final Utf8Lines lines;
  private Kind kind;
  private int[] col; // index of each canonical column in the file, -1 when absent
  private int width;
  private boolean done;

  public StarlingCsvReader(InputStream in, String source) throws IOException {
    this.source = source;
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(8192);
    byte[] head = buffered.readNBytes(8192);
    buffered.reset();
    this.lines = new Utf8Lines(buffered, MAX_LINE_BYTES);
    if (isBinary(head)) {
      done = true;
      pending = new Rejection(source, 0, "is not a CSV text file (it contains binary data)", "");
    }
  }

  private Rejection pending;

  /** Whether {@code head} (BOM already removed) starts with a header row this reader understands. */
  public static boolean looksLikeStarlingHeader(String head) {
    int nl = head.indexOf('\n');
    String first = (nl < 0 ? head : head.substring(0, nl)).strip().toLowerCase(Locale.ROOT);
    List<String> names = Arrays.stream(first.split(",")).map(s -> s.strip().replace("\"", "")).toList();
    return names.containsAll(CanonicalColumns.EVENTS_REQUIRED)
        || (names.contains("email") && (names.contains("first_name") || names.contains("created_at") || names.size() == 1))
        || (names.contains("campaign_id") && names.contains("sent_at") && !names.contains("email"));
  }

  @Override
  public String contentKind() {
    return kind == null ? "unknown" : kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public ReadResult next() throws IOException {
    if (pending != null) {
      Rejection r = pending;
      pending = null;
      return r;
    }
    if (done) {
      return null;
    }
    if (kind == null) {
      Utf8Lines.Line first = nextNonEmpty();
      if (first == null) {
        done = true;
        return new Rejection(source, 0, "file is empty (a header row is required)", "");
      }
      Rejection bad = first.problem() != null
          ? new Rejection(source, first.number(), "header row " + first.problem(), first.text())
          : readHeader(first.number(), CsvLine.split(first.text(), ',').fields());
      if (bad != null) {
        done = true;
        return bad;
      }
    }
    Utf8Lines.Line line = nextNonEmpty();
    if (line == null) {
      done = true;
      return null;
    }
    if (line.problem() != null) {
      return new Rejection(source, line.number(), line.problem(), line.text());
    }
    CsvLine row = CsvLine.split(line.text(), ',');
    if (row.open() && kind == Kind.EVENTS) {
      return new Rejection(source, line.number(), "has a quote opened in field " + row.fields().size()
          + " and not closed on this line (a stray quote? an event is one line)", line.text());
    }
    if (row.open()) {
      return multiLine(line, row);
    }
    return row(line.number(), row.fields(), line.text());
  }

  /** A subscriber or campaign record whose quoted field goes on over the next lines. */
  private ReadResult multiLine(Utf8Lines.Line first, CsvLine row) throws IOException {
    StringBuilder text = new StringBuilder(first.text());
    String problem = null;
    boolean open = true;
    while (open) {
      Utf8Lines.Line more = lines.next();
      if (more == null) {
        throw new UnreadableSourceException(source, first.number(),
            "a quote opened in field " + row.fields().size() + " is never closed (a stray quote?): "
                + "the rest of the file cannot be read as rows");
      }
      if (problem == null && more.problem() != null) {
        problem = "line " + more.number() + " of this row " + more.problem();
      }
      text.append('\n').append(more.text());
      if (text.length() > MAX_RECORD_CHARS) {
        throw new UnreadableSourceException(source, first.number(),
            "a quoted field opened here runs past " + MAX_RECORD_CHARS + " characters (a stray quote?): "
                + "the rest of the file cannot be read as rows");
      }
      open = CsvLine.stillOpen(more.text(), ',');
    }
    row = CsvLine.split(text.toString(), ',');
    if (problem != null) {
      return new Rejection(source, first.number(), problem, text.toString());
    }
    return row(first.number(), row.fields(), text.toString());
  }

  private Utf8Lines.Line nextNonEmpty() throws IOException {
    Utf8Lines.Line l;
    do {
      l = lines.next();
    } while (l != null && l.problem() == null && l.text().isEmpty());
    return l;
  }

  private Rejection readHeader(long line, List<String> header) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      at.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    List<String> columns;
    if (at.containsKey("type")) {
      kind = Kind.EVENTS;
      columns = CanonicalColumns.EVENTS;
    } else if (at.containsKey("email")) {
      kind = Kind.SUBSCRIBERS;
      columns = CanonicalColumns.SUBSCRIBERS;
    } else if (at.containsKey("campaign_id")) {
      kind = Kind.CAMPAIGNS;
      columns = CanonicalColumns.CAMPAIGNS;
    } else {
      return new Rejection(source, line,
          "header row must name an 'email' column (subscribers), 'campaign_id' (campaigns) or 'type' (events) but was: "
              + String.join(", ", header),
          String.join(",", header));
    }
    List<String> required = switch (kind) {
      case EVENTS -> CanonicalColumns.EVENTS_REQUIRED;
      case SUBSCRIBERS -> CanonicalColumns.SUBSCRIBERS_REQUIRED;
      case CAMPAIGNS -> CanonicalColumns.CAMPAIGNS_REQUIRED;
    };
    List<String> missing = new ArrayList<>();
    for (String r : required) {
      if (!at.containsKey(r)) {
        missing.add(r);
      }
    }
    if (!missing.isEmpty()) {
      return new Rejection(source, line,
          "header row of an " + contentKind() + " file must have columns " + required + " but is missing "
              + missing + " (found: " + String.join(", ", header) + ")",
          String.join(",", header));
    }
    col = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      col[i] = at.getOrDefault(columns.get(i), -1);
    }
    width = header.size();
    return null;
  }

  private ReadResult row(long line, List<String> r, String raw) {
    if (r.size() != width) {
      return new Rejection(source, line, "expected " + width + " columns as in the header but found " + r.size(), raw);
    }
    try {
      return switch (kind) {
        case EVENTS -> event(r);
        case SUBSCRIBERS -> subscriber(r);
        case CAMPAIGNS -> campaign(r);
      };
    } catch (IllegalArgumentException e) {
      return new Rejection(source, line, e.getMessage(), raw);
    }
  }

  private Event event(List<String> r) {
    EventType type = EventType.parse(field(r, 0));
    String bounce = field(r, 8);
    String machine = field(r, 9);
    return new Event(
        type,
        field(r, 1),
        field(r, 2),
        time(field(r, 3), "at"),
        "starling",
        field(r, 4),
        field(r, 5),
        field(r, 6),
        field(r, 7),
        type == EventType.BOUNCE ? BounceKind.parse(bounce == null ? "" : bounce) : null,
        machine == null ? null : parseBoolean(machine, "machine"),
        field(r, 10));
  }

  private Subscriber subscriber(List<String> r) {
    String created = field(r, 5);
    String tags = field(r, 6);
    String status = field(r, 7);
    return new Subscriber(
        field(r, 0), field(r, 1), field(r, 2), field(r, 3), field(r, 4),
        created == null ? null : time(created, "created_at"),
        tags == null ? List.of() : splitTags(tags),
        status == null ? null : SubscriptionStatus.parse(status));
  }

  private Campaign campaign(List<String> r) {
    if (field(r, 0) == null) {
      // found by ReadersFuzzTest#starlingCsv: the record's NullPointerException escaped as a crash
      throw new IllegalArgumentException("column 'campaign_id' is empty (a campaign needs an id)");
    }
    String sent = field(r, 3);
    return new Campaign(field(r, 0), field(r, 1), field(r, 2), sent == null ? null : time(sent, "sent_at"), field(r, 4));
  }

  /** The value of canonical column {@code i}, or {@code null} when the file lacks it or the cell is blank. */
  private String field(List<String> r, int i) {
    int c = col[i];
    if (c < 0) {
      return null;
    }
    String v = r.get(c);
    return v.isEmpty() ? null : v;
  }

  private static long time(String value, String column) {
    if (value == null) {
      throw new IllegalArgumentException("column '" + column + "' is missing a time");
    }
    try {
      return Times.parseMillis(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + column + "' " + e.getMessage().replaceFirst("^time ", ""), e);
    }
  }

  private static boolean parseBoolean(String v, String column) {
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "y" -> true;
      case "false", "0", "no", "n" -> false;
      default -> throw new IllegalArgumentException("column '" + column + "' must be true or false but was '" + v + "'");
    };
  }

  private static List<String> splitTags(String tags) {
    List<String> out = new ArrayList<>();
    for (String t : tags.split("\\" + CanonicalColumns.TAG_SEPARATOR)) {
      String s = t.strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static boolean isBinary(byte[] head) {
    for (byte b : head) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
