package dev.starling.connectors.listmonk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import dev.starling.connectors.Times;
import dev.starling.connectors.spreadsheet.CsvTable;
import dev.starling.connectors.spreadsheet.HeaderedTableReader;
import dev.starling.connectors.spreadsheet.SubscriberColumns;
import dev.starling.connectors.spreadsheet.TableRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * listmonk CSV files, told apart by the header row:
 * <ul>
 *   <li>the subscriber export {@code uuid,email,name,attributes,status,created_at,updated_at} and the
 *       import file {@code email,name,attributes} give subscribers. {@code name} is split at the first
 *       space into first and last name; {@code attributes} (a JSON object) feeds company, country and
 *       tags when it has keys that are synonyms of them ({@code company}, {@code empresa},
 *       {@code country}, {@code pais}, {@code tags}); status {@code enabled} is SUBSCRIBED,
 *       {@code blocklisted} CLEANED, {@code disabled} UNSUBSCRIBED. Go's
 *       {@code 2025-05-02 10:15:02.588484 +0000 UTC} times are read by their numeric offset;</li>
 *   <li>{@code psql \copy} dumps of {@code campaign_views} (VIEW → OPEN events) and {@code link_clicks}
 *       (a {@code link_id} or {@code url} column → CLICK events). Those tables hold subscriber ids, not
 *       addresses, so the file must have an {@code email} column: export it joined, e.g.
 *       {@code \copy (SELECT v.id, v.campaign_id, s.email, v.created_at FROM campaign_views v JOIN
 *       subscribers s ON s.id = v.subscriber_id) TO 'views.csv' CSV HEADER}. A dump with only
 *       {@code subscriber_id} is refused as a whole with that advice. The campaign is the numeric
 *       {@code campaign_id}; the row {@code id} becomes the provider event id ({@code view-<id>},
 *       {@code click-<id>}). Postgres' {@code +00} offsets are accepted.</li>
 * </ul>
 */
public final class ListmonkReader extends HeaderedTableReader {

  static final String PROVIDER = "listmonk";

  /** Held apart so sniffing a file (a static call on this class) does not load Jackson. */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
  private static final Pattern GO_TIME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?) ([+-]\\d{4})(?: \\S+)?");
  private static final Pattern PG_SHORT_OFFSET = Pattern.compile(".*[ T]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?[+-]\\d{2}");

  private enum Kind { SUBSCRIBERS, VIEWS, CLICKS }

  private Kind kind;
  private Map<String, Integer> at;

  public ListmonkReader(InputStream in, String source) throws IOException {
    super(source, CsvTable.open(in, source, c -> c.strip().equalsIgnoreCase("email") || c.strip().equalsIgnoreCase("campaign_id")));
  }

  /** Whether the first line is a listmonk subscriber export/import header or a views/clicks dump. */
  public static boolean looksLikeListmonk(String head) {
    int nl = head.indexOf('\n');
    List<String> names = CsvTable.splitQuoted(nl < 0 ? head : head.substring(0, nl), ',').stream()
        .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
    if (names.contains("email") && names.contains("attributes") && (names.contains("uuid") || names.contains("name"))) {
      return true;
    }
    return !names.contains("type") && names.contains("id") && names.contains("campaign_id") && names.contains("created_at")
        && (names.contains("subscriber_id") || names.contains("email"));
  }

  @Override
  public String contentKind() {
    return kind == null ? "unknown" : kind == Kind.SUBSCRIBERS ? "subscribers" : "events";
  }

  @Override
  protected void row(TableRow row, Consumer<ReadResult> emit) {
    emit.accept(kind == Kind.SUBSCRIBERS ? subscriber(row) : event(row));
  }

  @Override
  protected Rejection header(TableRow row) {
    at = new HashMap<>();
    for (int i = 0; i < row.cells().size(); i++) {
      at.putIfAbsent(row.cells().get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    String raw = row.raw(table.separator());
    if (at.containsKey("campaign_id")) {
      kind = at.containsKey("link_id") || at.containsKey("url") ? Kind.CLICKS : Kind.VIEWS;
      if (!at.containsKey("email")) {
        return new Rejection(source, row.line(), "a listmonk " + (kind == Kind.CLICKS ? "link_clicks" : "campaign_views")
            + " dump must have an 'email' column, since subscriber_id cannot be resolved here: export it joined with "
            + "subscribers (SELECT ..., s.email ... JOIN subscribers s ON s.id = subscriber_id); the columns were "
            + String.join(", ", row.cells()), raw);
      }
      if (!at.containsKey("created_at")) {
        return new Rejection(source, row.line(), "a listmonk views/clicks dump must have a 'created_at' column; the columns were "
            + String.join(", ", row.cells()), raw);
      }
      return null;
    }
    if (at.containsKey("email")) {
      kind = Kind.SUBSCRIBERS;
      return null;
    }
    return new Rejection(source, row.line(), "header must be a listmonk subscriber export (uuid,email,name,attributes,...), "
        + "import (email,name,attributes) or a views/clicks dump (id,campaign_id,email,created_at) but was "
        + String.join(", ", row.cells()), raw);
  }

  private Subscriber subscriber(TableRow row) {
    String email = cell(row, "email");
    if (email == null) {
      throw new IllegalArgumentException("column 'email' is empty");
    }
    String[] name = SubscriberColumns.splitName(cell(row, "name"));
    String company = null;
    String country = null;
    List<String> tags = List.of();
    String attributes = cell(row, "attributes");
    if (attributes != null) {
      JsonNode json;
      try {
        json = Json.MAPPER.readTree(attributes);
      } catch (JsonProcessingException e) {
        json = null;
      }
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException("column 'attributes' must be a JSON object but was '" + attributes + "'");
      }
      Map<SubscriberColumns.Field, JsonNode> known = attributeFields(json);
      company = text(known.get(SubscriberColumns.Field.COMPANY));
      country = text(known.get(SubscriberColumns.Field.COUNTRY));
      JsonNode t = known.get(SubscriberColumns.Field.TAGS);
      if (t != null && t.isArray()) {
        List<String> list = new ArrayList<>();
        t.forEach(n -> list.add(n.asText()));
        tags = list;
      } else if (t != null && t.isTextual()) {
        tags = SubscriberColumns.splitTags(t.asText());
      }
    }
    String created = cell(row, "created_at");
    return new Subscriber(email, name[0], name[1], company, country, created == null ? null : time(created, "created_at"),
        tags, status(cell(row, "status")));
  }

  private static Map<SubscriberColumns.Field, JsonNode> attributeFields(JsonNode json) {
    Map<SubscriberColumns.Field, JsonNode> out = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      keys.add(it.next());
    }
    var match = SubscriberColumns.match(withEmail(keys));
    match.ifPresent(cols -> {
      for (SubscriberColumns.Field f : List.of(SubscriberColumns.Field.COMPANY, SubscriberColumns.Field.COUNTRY,
          SubscriberColumns.Field.TAGS)) {
        int i = cols.index(f);
        if (i > 0) {
          out.put(f, json.get(keys.get(i - 1)));
        }
      }
    });
    return out;
  }

  /** The attribute keys behind a synthetic email column, so that {@link SubscriberColumns#match} applies. */
  private static List<String> withEmail(List<String> keys) {
    List<String> h = new ArrayList<>();
    h.add("email");
    h.addAll(keys);
    return h;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
  }

  private static SubscriptionStatus status(String s) {
    if (s == null) {
      return null;
    }
    return switch (s.strip().toLowerCase(Locale.ROOT)) {
      case "enabled" -> SubscriptionStatus.SUBSCRIBED;
      case "blocklisted" -> SubscriptionStatus.CLEANED;
      case "disabled" -> SubscriptionStatus.UNSUBSCRIBED;
      default -> throw new IllegalArgumentException("column 'status' must be enabled, disabled or blocklisted but was '" + s + "'");
    };
  }

  private Event event(TableRow row) {
    String id = cell(row, "id");
    String email = cell(row, "email");
    if (email == null) {
      throw new IllegalArgumentException("column 'email' is empty (an anonymous " + (kind == Kind.CLICKS ? "click" : "view")
          + ": individual tracking was off or the subscriber was deleted)");
    }
    String campaign = cell(row, "campaign_id");
    if (campaign == null) {
      throw new IllegalArgumentException("column 'campaign_id' is empty");
    }
    String created = cell(row, "created_at");
    if (created == null) {
      throw new IllegalArgumentException("column 'created_at' is empty");
    }
    EventType type = kind == Kind.CLICKS ? EventType.CLICK : EventType.OPEN;
    String eventId = id == null ? null : (kind == Kind.CLICKS ? "click-" : "view-") + id;
    return new Event(type, email, campaign, time(created, "created_at"), PROVIDER, eventId, null, null,
        kind == Kind.CLICKS ? cell(row, "url") : null, null, null, null);
  }

  private String cell(TableRow row, String column) {
    Integer i = at.get(column);
    if (i == null) {
      return null;
    }
    String v = row.cell(i).strip();
    return v.isEmpty() ? null : v;
  }

  /** Go's {@code time.Time.String()} and Postgres' {@code +00} offsets, then whatever {@link Times} reads. */
  static long time(String v, String column) {
    String s = v.strip();
    Matcher go = GO_TIME.matcher(s);
    if (go.matches()) {
      s = go.group(1) + " " + go.group(2);
    } else if (PG_SHORT_OFFSET.matcher(s).matches()) {
      s = s + ":00";
    }
    try {
      return Times.parseMillis(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + column + "' must be a time like '2025-05-02 10:15:02.588484 +0000 UTC' "
          + "or '2025-05-14 08:10:22.301+00' but was '" + v + "'", e);
    }
  }

}
