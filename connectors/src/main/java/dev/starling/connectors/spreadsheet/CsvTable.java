package dev.starling.connectors.spreadsheet;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * A CSV file as exported by spreadsheets and ESPs, read as a stream of rows: UTF-8 with or without a
 * BOM, or Windows-1252 (see {@link Utf8OrWindows1252Reader}); comma, semicolon or tab separated, the
 * separator chosen from the header line; RFC 4180 quoting, so a quoted cell may hold the separator or
 * a line break.
 */
public final class CsvTable implements RowSource {

  private static final int HEAD_CHARS = 64 * 1024;
  /** How many lines the separator (and the spreadsheet sniff) look at for a header. */
  static final int HEAD_LINES = 25;
  private static final char[] SEPARATORS = {';', '\t', ','};

  private final CsvReader<CsvRecord> csv;
  private final Iterator<CsvRecord> records;
  private final char separator;

  private CsvTable(BufferedReader text, char separator) {
    this.separator = separator;
    this.csv = CsvReader.builder()
        .fieldSeparator(separator)
        .detectBomHeader(true)
        .skipEmptyLines(true)
        .allowExtraFields(true)
        .allowMissingFields(true)
        .ofCsvRecord(text);
    this.records = csv.iterator();
  }

  /**
   * Opens {@code in} and picks the separator: the header line is the first of the first lines that,
   * split by one of {@code ; TAB ,}, has a cell for which {@code isHeaderCell} holds; of the
   * separators that make it so, the one giving the most cells wins. With no such line, the separator
   * most frequent on the first non-blank line wins; comma when there is none.
   */
  public static CsvTable open(InputStream in, Predicate<String> isHeaderCell) throws IOException {
    BufferedReader text = new BufferedReader(new Utf8OrWindows1252Reader(in), HEAD_CHARS * 2);
    text.mark(HEAD_CHARS + 1);
    char[] head = new char[HEAD_CHARS];
    int n = text.read(head, 0, HEAD_CHARS);
    int got = Math.max(n, 0);
    while (n > 0 && got < HEAD_CHARS) {
      n = text.read(head, got, HEAD_CHARS - got);
      got += Math.max(n, 0);
    }
    text.reset();
    return new CsvTable(text, detectSeparator(new String(head, 0, got), isHeaderCell));
  }

  static char detectSeparator(String head, Predicate<String> isHeaderCell) {
    String[] lines = head.split("\r?\n", HEAD_LINES + 1);
    String firstNonBlank = null;
    for (int i = 0; i < Math.min(lines.length, HEAD_LINES); i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (firstNonBlank == null) {
        firstNonBlank = line;
      }
      char best = 0;
      int bestCells = 0;
      for (char sep : SEPARATORS) {
        List<String> cells = splitQuoted(line, sep);
        if (cells.size() > bestCells && cells.stream().anyMatch(isHeaderCell)) {
          best = sep;
          bestCells = cells.size();
        }
      }
      if (best != 0) {
        return best;
      }
    }
    if (firstNonBlank == null) {
      return ',';
    }
    char best = ',';
    int bestCount = 0;
    for (char sep : SEPARATORS) {
      int count = splitQuoted(firstNonBlank, sep).size();
      if (count > bestCount) {
        best = sep;
        bestCount = count;
      }
    }
    return best;
  }

  /** Splits one line on {@code sep} outside double quotes, removing the quotes; good enough to sniff. */
  public static List<String> splitQuoted(String line, char sep) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == sep && !quoted) {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    out.add(cell.toString());
    return out;
  }

  @Override
  public TableRow next() throws IOException {
    try {
      if (!records.hasNext()) {
        return null;
      }
      CsvRecord r = records.next();
      return new TableRow(r.getStartingLineNumber(), r.getFields());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      throw new IOException("is not readable as CSV: "
          + (e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage()), e);
    }
  }

  @Override
  public char separator() {
    return separator;
  }

  @Override
  public void close() throws IOException {
    csv.close();
  }
}
