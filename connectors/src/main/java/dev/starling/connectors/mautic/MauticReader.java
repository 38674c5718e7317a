package dev.starling.connectors.mautic;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.Times;
import dev.starling.connectors.spreadsheet.CsvTable;
import dev.starling.connectors.spreadsheet.HeaderedTableReader;
import dev.starling.connectors.spreadsheet.SubscriberColumns;
import dev.starling.connectors.spreadsheet.TableRow;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Mautic CSV exports, told apart by the header: the contacts export ({@code id} plus field aliases:
 * {@code email}, {@code firstname}, {@code lastname}, {@code company}, {@code country},
 * {@code date_added}, {@code tags}, ...) gives subscribers; the {@code email_stats} export (a table dump
 * or a report with {@code email_address}, {@code email_id}, {@code date_sent}, {@code is_read},
 * {@code date_read}) gives events. Headers are compared in snake case, so a report's "Date sent" is
 * {@code date_sent}.
 *
 * <p>Decisions: each stats row is a SEND at {@code date_sent} for campaign {@code email_id} (Mautic's
 * email, the unit a campaign sends) and, when {@code is_read} is true, an OPEN at {@code date_read} —
 * the first open only, as Mautic keeps no per-open rows here. {@code is_failed} is not mapped (bounces
 * live in {@code lead_donotcontact}). With a stats {@code id} column the events carry
 * {@code send-<id>} / {@code open-<id>} as provider event ids, so a re-import dedupes. Contacts have no
 * list status in the export (do-not-contact is elsewhere): status is left unknown. Times are UTC.
 */
public final class MauticReader extends HeaderedTableReader {

  static final String PROVIDER = "mautic";

  private enum Kind { CONTACTS, EMAIL_STATS }

  private Kind kind;
  private Map<String, Integer> at;

  public MauticReader(InputStream in, String source) throws IOException {
    super(source, CsvTable.open(in, source, c -> {
      String n = snake(c);
      return n.equals("email") || n.equals("email_address");
    }));
  }

  /** Whether the first line is a Mautic contacts or email-stats header. */
  public static boolean looksLikeMautic(String head) {
    int nl = head.indexOf('\n');
    String first = nl < 0 ? head : head.substring(0, nl);
    for (char sep : new char[] {',', ';', '\t'}) {
      List<String> names = CsvTable.splitQuoted(first, sep).stream().map(MauticReader::snake).toList();
      if (names.contains("email_address") && names.contains("email_id") && names.contains("date_sent")) {
        return true;
      }
      if (names.contains("id") && names.contains("email") && (names.contains("firstname") || names.contains("lastname"))) {
        return true;
      }
    }
    return false;
  }

  static String snake(String header) {
    return SubscriberColumns.normalize(header).replace(' ', '_');
  }

  @Override
  public String contentKind() {
    return kind == Kind.EMAIL_STATS ? "events" : kind == Kind.CONTACTS ? "subscribers" : "unknown";
  }

  @Override
  protected void row(TableRow row, Consumer<ReadResult> emit) {
    if (kind == Kind.CONTACTS) {
      emit.accept(contact(row));
    } else {
      stats(row, emit);
    }
  }

  @Override
  protected Rejection header(TableRow row) {
    at = new HashMap<>();
    for (int i = 0; i < row.cells().size(); i++) {
      at.putIfAbsent(snake(row.cells().get(i)), i);
    }
    if (at.containsKey("email_address") && at.containsKey("email_id") && at.containsKey("date_sent")) {
      kind = Kind.EMAIL_STATS;
    } else if (at.containsKey("email")) {
      kind = Kind.CONTACTS;
    } else {
      return new Rejection(source, row.line(), "header must be a Mautic contacts export (with 'email') or an email_stats "
          + "export (with 'email_address', 'email_id', 'date_sent') but the columns were " + String.join(", ", row.cells()),
          row.raw(table.separator()));
    }
    return null;
  }

  private Subscriber contact(TableRow row) {
    String created = cell(row, "date_added");
    if (created == null) {
      created = cell(row, "date_identified");
    }
    String tags = cell(row, "tags");
    return new Subscriber(required(row, "email"), cell(row, "firstname"), cell(row, "lastname"), cell(row, "company"),
        cell(row, "country"), created == null ? null : time(created, at.containsKey("date_added") ? "date_added" : "date_identified"),
        tags == null ? List.of() : SubscriberColumns.splitTags(tags), null);
  }

  private void stats(TableRow row, Consumer<ReadResult> emit) {
    String email = required(row, "email_address");
    String campaign = required(row, "email_id");
    String id = cell(row, "id");
    long sent = time(required(row, "date_sent"), "date_sent");
    emit.accept(new Event(EventType.SEND, email, campaign, sent, PROVIDER, id == null ? null : "send-" + id,
        null, null, null, null, null, null));
    String isRead = cell(row, "is_read");
    if (isRead != null && bool(isRead, "is_read")) {
      String read = cell(row, "date_read");
      if (read == null) {
        emit.accept(new Rejection(source, row.line(), "column 'date_read' is empty but 'is_read' is " + isRead
            + " (the open needs its time)", row.raw(table.separator())));
        return;
      }
      emit.accept(new Event(EventType.OPEN, email, campaign, time(read, "date_read"), PROVIDER,
          id == null ? null : "open-" + id, null, null, null, null, null, null));
    }
  }

  private String cell(TableRow row, String column) {
    Integer i = at.get(column);
    if (i == null) {
      return null;
    }
    String v = row.cell(i).strip();
    return v.isEmpty() ? null : v;
  }

  private String required(TableRow row, String column) {
    String v = cell(row, column);
    if (v == null) {
      throw new IllegalArgumentException("column '" + column + "' is empty");
    }
    if (column.equals("email") || column.equals("email_address")) {
      try {
        Subscriber.normalizeEmail(v);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("column '" + column + "' " + e.getMessage().replaceFirst("^email ", ""), e);
      }
    }
    return v;
  }

  private static long time(String v, String column) {
    try {
      return Times.parseMillis(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + column + "' " + e.getMessage().replaceFirst("^time ", ""), e);
    }
  }

  private static boolean bool(String v, String column) {
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "y" -> true;
      case "0", "false", "no", "n" -> false;
      default -> throw new IllegalArgumentException("column '" + column + "' must be 1 or 0 but was '" + v + "'");
    };
  }

}
