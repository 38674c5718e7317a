package dev.starling.connectors.mailchimp;

import dev.starling.connectors.Event;
import dev.starling.connectors.EventType;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.Subscriber;
import dev.starling.connectors.SubscriptionStatus;
import dev.starling.connectors.Times;
import dev.starling.connectors.spreadsheet.CsvTable;
import dev.starling.connectors.spreadsheet.SubscriberColumns;
import dev.starling.connectors.spreadsheet.TableRow;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import dev.starling.connectors.UnreadableSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Mailchimp audience export: one of its CSV files ({@code subscribed_members_export_*.csv},
 * {@code unsubscribed_...}, {@code cleaned_...}) or the .zip holding them, read entry by entry as a
 * stream.
 *
 * <p>The merge-field columns are labels the account chose, so they are matched by
 * {@link SubscriberColumns}' synonyms ({@code Email Address}, {@code First Name}, {@code País}, ...);
 * the system columns by their fixed names. Decisions:
 * <ul>
 *   <li>status: {@code UNSUB_TIME} present → UNSUBSCRIBED, {@code CLEAN_TIME} → CLEANED; else the file
 *       name ({@code unsubscribed_}, {@code cleaned_}, {@code subscribed_}); else SUBSCRIBED. A merge
 *       field labelled "Status" does not override it;</li>
 *   <li>created: {@code OPTIN_TIME}, or {@code CONFIRM_TIME} when that is empty (imported members);</li>
 *   <li>country: a country merge field, else the geolocated {@code CC};</li>
 *   <li>an unsubscribed row with an {@code UNSUB_CAMPAIGN_ID} also yields an UNSUBSCRIBE event for that
 *       campaign at {@code UNSUB_TIME}, detail {@code UNSUB_REASON}; without a campaign id (admin or API
 *       unsubscribes) only the subscriber's status records it. Cleaned rows yield no bounce event: the
 *       export does not say whether the bounces were hard or repeated soft ones;</li>
 *   <li>times have no zone in the export and are read as UTC.</li>
 * </ul>
 */
public final class MailchimpAudienceReader implements FactReader {

  static final String PROVIDER = "mailchimp";

  private final String source;
  private final ZipInputStream zip; // null for a single CSV
  private final Deque<ReadResult> pending = new ArrayDeque<>();
  private CsvTable table;
  private String tableSource;
  private SubscriptionStatus fileStatus;
  private SubscriberColumns columns;
  private Map<String, Integer> system;
  private boolean done;

  private MailchimpAudienceReader(String source, ZipInputStream zip) {
    this.source = source;
    this.zip = zip;
  }

  /** Opens a single export CSV or a .zip of them (told by the zip signature). The reader owns {@code in}. */
  public static MailchimpAudienceReader open(InputStream in, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(4);
    byte[] magic = buffered.readNBytes(4);
    buffered.reset();
    if (Arrays.equals(magic, new byte[] {'P', 'K', 3, 4})) {
      return new MailchimpAudienceReader(source, new ZipInputStream(buffered));
    }
    MailchimpAudienceReader r = new MailchimpAudienceReader(source, null);
    r.startTable(buffered, source, statusFromName(source));
    return r;
  }

  /** A zip whose first entry is a members export, or a CSV header with Mailchimp's system columns. */
  public static boolean looksLikeAudienceExport(String head) {
    if (head.startsWith("PK\u0003\u0004")) {
      return head.contains("members_export");
    }
    int nl = head.indexOf('\n');
    String first = (nl < 0 ? head : head.substring(0, nl)).toUpperCase(Locale.ROOT);
    return first.contains("EMAIL ADDRESS") && (first.contains("MEMBER_RATING") || first.contains("OPTIN_TIME")
        || first.contains("LEID") || first.contains("EUID"));
  }

  @Override
  public String contentKind() {
    return "subscribers";
  }

  @Override
  public ReadResult next() throws IOException {
    while (pending.isEmpty()) {
      if (done) {
        return null;
      }
      if (table == null && !nextEntry()) {
        done = true;
        return null;
      }
      TableRow row;
      try {
        row = table.next();
      } catch (UnreadableSourceException e) {
        done = true;
        throw e; // the rest of this table cannot be read: the whole export is refused, not cut short
      } catch (IOException e) {
        pending.add(new Rejection(tableSource, 0, e.getMessage(), ""));
        endTable();
        continue;
      }
      if (row == null) {
        endTable();
        continue;
      }
      if (columns == null) {
        header(row);
        continue;
      }
      if (!row.isBlank()) {
        row(row);
      }
    }
    return pending.poll();
  }

  private boolean nextEntry() throws IOException {
    if (zip == null) {
      return false;
    }
    ZipEntry e;
    while ((e = zip.getNextEntry()) != null) {
      String name = e.getName();
      String base = name.substring(name.lastIndexOf('/') + 1);
      if (!e.isDirectory() && base.toLowerCase(Locale.ROOT).endsWith(".csv") && !name.startsWith("__MACOSX/")
          && !base.startsWith("._")) {
        startTable(new FilterInputStream(zip) {
          @Override
          public void close() {
            // the zip stays open for the next entry
          }
        }, source + "!" + name, statusFromName(base));
        return true;
      }
    }
    return false;
  }

  private void startTable(InputStream in, String name, SubscriptionStatus status) throws IOException {
    table = CsvTable.open(in, name, SubscriberColumns::isEmailHeader);
    tableSource = name;
    fileStatus = status;
    columns = null;
  }

  private void endTable() throws IOException {
    table.close();
    table = null;
    if (zip == null) {
      done = true;
    }
  }

  private void header(TableRow row) throws IOException {
    var match = SubscriberColumns.match(row.cells());
    if (match.isEmpty()) {
      pending.add(new Rejection(tableSource, row.line(),
          "header must have an 'Email Address' column but the columns found were " + String.join(", ", row.cells()),
          row.raw(table.separator())));
      endTable();
      return;
    }
    columns = match.get();
    system = new HashMap<>();
    for (int i = 0; i < row.cells().size(); i++) {
      system.putIfAbsent(row.cells().get(i).strip().toUpperCase(Locale.ROOT), i);
    }
    if (system.containsKey("UNSUB_TIME")) {
      fileStatus = SubscriptionStatus.UNSUBSCRIBED;
    } else if (system.containsKey("CLEAN_TIME")) {
      fileStatus = SubscriptionStatus.CLEANED;
    } else if (fileStatus == null) {
      fileStatus = SubscriptionStatus.SUBSCRIBED;
    }
  }

  private void row(TableRow row) {
    String raw = row.raw(table.separator());
    Subscriber s;
    try {
      Subscriber base = columns.subscriber(row, fileStatus);
      Long created = base.createdAtMillis();
      if (created == null && !cell(row, "CONFIRM_TIME").isEmpty()) {
        created = time(row, "CONFIRM_TIME");
      }
      String country = base.country() != null ? base.country() : cell(row, "CC");
      s = new Subscriber(base.email(), base.firstName(), base.lastName(), base.company(), country, created,
          base.tags(), fileStatus);
    } catch (IllegalArgumentException e) {
      pending.add(new Rejection(tableSource, row.line(), e.getMessage(), raw));
      return;
    }
    pending.add(s);
    String campaign = cell(row, "UNSUB_CAMPAIGN_ID");
    if (fileStatus == SubscriptionStatus.UNSUBSCRIBED && !campaign.isEmpty()) {
      try {
        String reason = cell(row, "UNSUB_REASON");
        String other = cell(row, "UNSUB_REASON_OTHER");
        String detail = other.isEmpty() ? reason : reason.isEmpty() ? other : reason + ": " + other;
        pending.add(new Event(EventType.UNSUBSCRIBE, s.email(), campaign, time(row, "UNSUB_TIME"), PROVIDER,
            null, null, null, null, null, null, detail));
      } catch (IllegalArgumentException e) {
        pending.add(new Rejection(tableSource, row.line(), "unsubscribe event: " + e.getMessage(), raw));
      }
    }
  }

  private String cell(TableRow row, String column) {
    Integer i = system.get(column);
    return i == null ? "" : row.cell(i).strip();
  }

  private long time(TableRow row, String column) {
    String v = cell(row, column);
    if (v.isEmpty()) {
      throw new IllegalArgumentException("column '" + column + "' is empty (a time is required)");
    }
    try {
      return Times.parseMillis(v);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("column '" + column + "' " + e.getMessage().replaceFirst("^time ", ""), e);
    }
  }

  private static SubscriptionStatus statusFromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('!')) + 1);
    if (n.startsWith("unsubscribed")) {
      return SubscriptionStatus.UNSUBSCRIBED;
    }
    if (n.startsWith("cleaned")) {
      return SubscriptionStatus.CLEANED;
    }
    if (n.startsWith("subscribed")) {
      return SubscriptionStatus.SUBSCRIBED;
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    if (table != null) {
      table.close();
    }
    if (zip != null) {
      zip.close();
    }
  }
}
