package dev.starling.connectors.spreadsheet;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.ReadResult;
import dev.starling.connectors.Rejection;
import dev.starling.connectors.UnreadableSourceException;
import dev.starling.connectors.csv.StarlingCsvReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A subscriber list in whatever shape a marketer's spreadsheet has: an .xlsx workbook (first sheet) or
 * a CSV file in any of the encodings and separators Excel writes (see {@link CsvTable}).
 *
 * <p>The header is the first of the first {@value #HEADER_SEARCH_ROWS} rows that has an email column
 * by {@link SubscriberColumns}' synonyms; rows above it (titles, notes) are skipped. Below it:
 * <ul>
 *   <li>a row whose cells are all blank is skipped;</li>
 *   <li>a row whose email cell has no {@code @} and that looks like a totals row (its first non-blank
 *       cell is "Total", "Suma", ... — often in the email column itself — or it holds only numbers) is
 *       skipped without a rejection: it is a summary, not a person;</li>
 *   <li>any other row with an empty or invalid email, date or status is a {@link Rejection} naming the
 *       column and the value, with the CSV line or the sheet row number;</li>
 *   <li>every good row is a {@link dev.starling.connectors.Subscriber}.</li>
 * </ul>
 * When no row has an email column the whole file is one rejection listing the columns found. A
 * header with an unsubscribe, bounce or complaint date column makes the file a list of those: each good
 * row is then an {@link dev.starling.connectors.Event} ({@link SubscriberColumns#event}).
 */
public final class SpreadsheetReader implements FactReader {

  static final int HEADER_SEARCH_ROWS = 20;

  private final String source;
  private final RowSource rows;
  private SubscriberColumns columns;
  private boolean done;

  private SpreadsheetReader(RowSource rows, String source) {
    this.rows = rows;
    this.source = source;
  }

  /** Opens an .xlsx workbook (told by its zip signature) or a CSV file. The reader owns {@code in}. */
  public static SpreadsheetReader open(InputStream in, String source) throws IOException {
    return new SpreadsheetReader(rows(in, source, SubscriberColumns::isEmailHeader), source);
  }

  /**
   * The raw rows of an .xlsx workbook's first sheet (told by its zip signature) or of a CSV file in any
   * encoding and separator Excel writes, for tables other than subscriber lists (sales' outcome exports).
   * The CSV separator is chosen from the first line with a cell for which {@code isHeaderCell} holds
   * ({@link CsvTable#open}). An unreadable workbook (or an old .xls) throws its reason from the first
   * {@link RowSource#next()}. The source owns {@code in}.
   */
  public static RowSource rows(InputStream in, String source, Predicate<String> isHeaderCell) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
    buffered.mark(4);
    byte[] magic = buffered.readNBytes(4);
    buffered.reset();
    RowSource rows;
    if (Arrays.equals(magic, new byte[] {'P', 'K', 3, 4})) {
      try {
        rows = new XlsxTable(buffered, source);
      } catch (IOException e) {
        rows = new Unreadable(e);
      }
    } else if (Arrays.equals(magic, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0})) {
      buffered.close();
      rows = new Unreadable(new IOException(
          "is an old binary Excel workbook (.xls), which is not read: save it as .xlsx or CSV UTF-8"));
    } else {
      rows = CsvTable.open(buffered, source, isHeaderCell);
    }
    return rows;
  }

  /**
   * Deletes the temporary copies of .xlsx files that imports killed mid-way left in the system temp
   * directory (a clean end deletes its own). Call once at start.
   *
   * @return how many were deleted
   */
  public static int removeStaleTempFiles() {
    return XlsxTable.removeStale(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
  }

  /**
   * Whether {@code head} (the first 8 KB decoded as UTF-8) is an .xlsx workbook, or a text table whose
   * first lines include a header with an email column. Starling's own CSV is claimed by its own format,
   * which comes first in {@link dev.starling.connectors.Format}; this method refuses it too.
   */
  public static boolean looksLikeSpreadsheet(String head) {
    if (head.startsWith("PK\u0003\u0004")) {
      return head.contains("xl/");
    }
    if (head.indexOf('\u0000') >= 0 || StarlingCsvReader.looksLikeStarlingHeader(head)) {
      return false;
    }
    String[] lines = head.split("\r?\n", CsvTable.HEAD_LINES + 1);
    for (int i = 0; i < Math.min(lines.length, CsvTable.HEAD_LINES); i++) {
      for (char sep : new char[] {';', '\t', ','}) {
        List<String> cells = CsvTable.splitQuoted(lines[i], sep);
        if (cells.stream().anyMatch(SubscriberColumns::isEmailHeader)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public String contentKind() {
    return columns != null && columns.listKind().isPresent() ? "events" : "subscribers";
  }

  @Override
  public ReadResult next() throws IOException {
    if (done) {
      return null;
    }
    try {
      if (columns == null) {
        Rejection noHeader = findHeader();
        if (noHeader != null || columns == null) {
          done = true;
          return noHeader;
        }
      }
      while (true) {
        TableRow row = rows.next();
        if (row == null) {
          done = true;
          return null;
        }
        if (row.isBlank()) {
          continue;
        }
        String email = row.cell(columns.index(SubscriberColumns.Field.EMAIL));
        if (email.indexOf('@') < 0 && SubscriberColumns.looksLikeTotals(row)) {
          continue;
        }
        if (email.isBlank()) {
          return new Rejection(source, row.line(),
              "column '" + columns.name(SubscriberColumns.Field.EMAIL) + "' is empty (an email is required)",
              row.raw(rows.separator()));
        }
        try {
          return columns.listKind().isPresent() ? columns.event(row) : columns.subscriber(row, null);
        } catch (IllegalArgumentException e) {
          return new Rejection(source, row.line(), e.getMessage(), row.raw(rows.separator()));
        }
      }
    } catch (UnreadableSourceException e) {
      done = true;
      throw e; // broke down part way: the file is refused whole, never cut short
    } catch (IOException e) {
      done = true;
      return new Rejection(source, 0, e.getMessage(), "");
    }
  }

  /** Reads up to the header row; returns the rejection for the whole file when there is none. */
  private Rejection findHeader() throws IOException {
    TableRow widest = null;
    for (int i = 0; i < HEADER_SEARCH_ROWS; i++) {
      TableRow row = rows.next();
      if (row == null) {
        break;
      }
      var match = SubscriberColumns.match(row.cells());
      if (match.isPresent()) {
        columns = match.get();
        return null;
      }
      if (widest == null || nonBlank(row) > nonBlank(widest)) {
        widest = row;
      }
    }
    if (widest == null) {
      return new Rejection(source, 0, "file is empty (a header row with an email column is required)", "");
    }
    String found = widest.cells().stream().filter(c -> !c.isBlank()).map(c -> "'" + c.strip() + "'")
        .collect(Collectors.joining(", "));
    return new Rejection(source, widest.line(),
        "no email column in the first " + HEADER_SEARCH_ROWS + " rows: the header must have a column named one of "
            + SubscriberColumns.emailHeaderNames() + " but the columns found were " + found,
        widest.raw(rows.separator()));
  }

  private static long nonBlank(TableRow r) {
    return r.cells().stream().filter(c -> !c.isBlank()).count();
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }

  /** A source that could not be opened: its one "row" is the reason, which becomes a rejection at line 0. */
  private record Unreadable(IOException why) implements RowSource {
    @Override
    public TableRow next() throws IOException {
      throw why;
    }

    @Override
    public char separator() {
      return ',';
    }

    @Override
    public void close() {}
  }
}
