package dev.starling.connectors.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
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
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one of Starling's CSV files as a stream. The header row decides the kind: a {@code type}
 * column means events, {@code email} without it means subscribers, {@code campaign_id} without
 * {@code email} means campaigns. Every later row becomes a record or a {@link Rejection} naming the line
 * and the reason; a file that is empty, binary or has no usable header is one rejection at line 0 or 1.
 */
public final class StarlingCsvReader implements FactReader {

  private enum Kind { SUBSCRIBERS, CAMPAIGNS, EVENTS }

  private final String source;
  private final CsvReader<CsvRecord> csv;
  private final Iterator<CsvRecord> rows;
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
    this.csv = CsvReader.builder()
        .detectBomHeader(true)
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .ofCsvRecord(buffered, StandardCharsets.UTF_8);
    this.rows = csv.iterator();
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
    try {
      if (kind == null) {
        if (!rows.hasNext()) {
          done = true;
          return new Rejection(source, 0, "file is empty (a header row is required)", "");
        }
        Rejection bad = readHeader(rows.next());
        if (bad != null) {
          done = true;
          return bad;
        }
      }
      if (!rows.hasNext()) {
        done = true;
        return null;
      }
      return row(rows.next());
    } catch (CsvParseException | java.io.UncheckedIOException e) {
      done = true;
      String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
      return new Rejection(source, 0, "is not readable as CSV: " + why, "");
    }
  }

  private Rejection readHeader(CsvRecord header) {
    Map<String, Integer> at = new HashMap<>();
    for (int i = 0; i < header.getFieldCount(); i++) {
      at.putIfAbsent(header.getField(i).strip().toLowerCase(Locale.ROOT), i);
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
      return new Rejection(source, header.getStartingLineNumber(),
          "header row must name an 'email' column (subscribers), 'campaign_id' (campaigns) or 'type' (events) but was: "
              + String.join(", ", header.getFields()),
          String.join(",", header.getFields()));
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
      return new Rejection(source, header.getStartingLineNumber(),
          "header row of an " + contentKind() + " file must have columns " + required + " but is missing "
              + missing + " (found: " + String.join(", ", header.getFields()) + ")",
          String.join(",", header.getFields()));
    }
    col = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      col[i] = at.getOrDefault(columns.get(i), -1);
    }
    width = header.getFieldCount();
    return null;
  }

  private ReadResult row(CsvRecord r) {
    long line = r.getStartingLineNumber();
    if (r.getFieldCount() != width) {
      return new Rejection(source, line,
          "expected " + width + " columns as in the header but found " + r.getFieldCount(), raw(r));
    }
    try {
      return switch (kind) {
        case EVENTS -> event(r);
        case SUBSCRIBERS -> subscriber(r);
        case CAMPAIGNS -> campaign(r);
      };
    } catch (IllegalArgumentException e) {
      return new Rejection(source, line, e.getMessage(), raw(r));
    }
  }

  private Event event(CsvRecord r) {
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

  private Subscriber subscriber(CsvRecord r) {
    String created = field(r, 5);
    String tags = field(r, 6);
    String status = field(r, 7);
    return new Subscriber(
        field(r, 0), field(r, 1), field(r, 2), field(r, 3), field(r, 4),
        created == null ? null : time(created, "created_at"),
        tags == null ? List.of() : splitTags(tags),
        status == null ? null : SubscriptionStatus.parse(status));
  }

  private Campaign campaign(CsvRecord r) {
    String sent = field(r, 3);
    return new Campaign(field(r, 0), field(r, 1), field(r, 2), sent == null ? null : time(sent, "sent_at"), field(r, 4));
  }

  /** The value of canonical column {@code i}, or {@code null} when the file lacks it or the cell is blank. */
  private String field(CsvRecord r, int i) {
    int c = col[i];
    if (c < 0) {
      return null;
    }
    String v = r.getField(c);
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

  private static String raw(CsvRecord r) {
    return String.join(",", r.getFields());
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
    csv.close();
  }
}
