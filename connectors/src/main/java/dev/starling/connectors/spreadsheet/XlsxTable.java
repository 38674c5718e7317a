package dev.starling.connectors.spreadsheet;

import dev.starling.connectors.UnreadableSourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * The first worksheet of an .xlsx file, streamed with POI's event API so that a sheet of a million rows
 * never sits in memory: {@link XSSFSheetXMLHandler} pushes cells from a SAX parse, and
 * {@link RowSource#next()} pulls rows. The two meet in a small bounded queue filled by a parser thread;
 * the queue, not the sheet, bounds memory. The zip is copied to a temporary file first because POI
 * reading from a stream would buffer every part in memory; the file is deleted on {@link #close()}.
 * The shared-strings table is held in memory (that is POI's read-only table, one string per distinct
 * text). Date-formatted numeric cells come out as ISO local date-times ({@code 2025-02-14T00:00}),
 * other cells as Excel would display them. Only the 1900 date system is assumed.
 *
 * <p>The temporary file's name carries the process id ({@value #TEMP_PREFIX}{@code <pid>-...xlsx}) so
 * that a later run can tell a copy left by a killed import from one in use ({@link #removeStale}).
 * POI's zip-bomb guard (a part expanding over 100 times) stays on; its five-line message becomes one.
 */
final class XlsxTable implements RowSource {

  private static final Object END = new Object();
  static final String TEMP_PREFIX = "starling-sheet-";

  private final String source;
  private final Path file;
  private final OPCPackage pkg;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(512);
  private final Thread parser;
  private volatile boolean closed;
  private boolean finished;
  private long lastRow;

  XlsxTable(InputStream in, String source) throws IOException {
    this.source = source;
    file = Files.createTempFile(TEMP_PREFIX + ProcessHandle.current().pid() + "-", ".xlsx");
    try (in) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (IOException | RuntimeException | OpenXML4JException e) {
      Files.deleteIfExists(file);
      if (e instanceof UnreadableSourceException refused) {
        throw refused; // the decompression limit, already one line
      }
      // POI names the temporary copy, which means nothing to the user
      String why = String.valueOf(e.getMessage()).contains(file.toString()) ? "the zip is damaged or cut short" : oneLine(e);
      throw new IOException("is not a readable .xlsx workbook: " + why, e);
    }
    try {
      XSSFReader reader = new XSSFReader(pkg);
      StylesTable styles = reader.getStylesTable();
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
      XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new IOException("is an .xlsx workbook without worksheets");
      }
      InputStream sheet = sheets.next();
      XMLReader xml = XMLHelper.newXMLReader();
      xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, new Rows(), new IsoDateFormatter(), false));
      parser = new Thread(() -> parse(xml, sheet), "xlsx-rows " + source);
      parser.setDaemon(true);
      parser.start();
    } catch (IOException | RuntimeException | OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException e) {
      closeQuietly();
      if (zipBomb(e)) {
        throw new IOException(ZIP_BOMB, e);
      }
      throw e instanceof IOException io ? io : new IOException("is not a readable .xlsx workbook: " + oneLine(e), e);
    }
  }

  private void parse(XMLReader xml, InputStream sheet) {
    try (sheet) {
      xml.parse(new InputSource(sheet));
      put(END);
    } catch (Stop e) {
      // closed early by the consumer
    } catch (Exception e) {
      try {
        put(e);
      } catch (Stop ignored) {
        // closed
      }
    }
  }

  private void put(Object o) {
    try {
      queue.put(o);
    } catch (InterruptedException e) {
      throw new Stop();
    }
  }

  @Override
  public TableRow next() throws IOException {
    if (finished) {
      return null;
    }
    Object o;
    try {
      o = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the sheet");
    }
    if (o == END) {
      finished = true;
      return null;
    }
    if (o instanceof Exception e) {
      finished = true;
      if (zipBomb(e)) {
        throw new UnreadableSourceException(source, 0, ZIP_BOMB, e);
      }
      // The SAX parse cannot resume after a broken element: refuse the sheet rather than keep the
      // rows before the break and lose those after it unseen.
      throw new UnreadableSourceException(source, lastRow + 1, "the sheet cannot be read past row " + lastRow
          + " (" + oneLine(e) + "): the rest of the file cannot be read as rows", e);
    }
    TableRow row = (TableRow) o;
    lastRow = row.line();
    return row;
  }

  @Override
  public char separator() {
    return ',';
  }

  @Override
  public void close() throws IOException {
    closeQuietly();
  }

  private void closeQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    if (parser != null) {
      parser.interrupt();
      try {
        parser.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (pkg != null) {
      pkg.revert();
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }

  private static final String ZIP_BOMB = "is an .xlsx workbook with a part that expands more than 100 times when"
      + " unzipped, as a zip bomb does; refused";

  /** Whether POI's zip-bomb guard stopped the read (its message, five lines, starts "Zip bomb detected"). */
  private static boolean zipBomb(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (String.valueOf(c.getMessage()).startsWith("Zip bomb detected")) {
        return true;
      }
    }
    return false;
  }

  /** The first line of a library's message: ours are one line each. */
  private static String oneLine(Throwable e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl).strip();
  }

  /**
   * Deletes the sheet copies in {@code dir} whose process is gone (killed mid-import, so its
   * {@link #close()} never ran); copies of live processes, this one included, are left alone.
   *
   * @return how many were deleted
   */
  static int removeStale(Path dir) {
    int removed = 0;
    try (var files = Files.newDirectoryStream(dir, TEMP_PREFIX + "*.xlsx")) {
      for (Path f : files) {
        String rest = f.getFileName().toString().substring(TEMP_PREFIX.length());
        int dash = rest.indexOf('-');
        long pid;
        try {
          pid = Long.parseLong(rest.substring(0, Math.max(dash, 0)));
        } catch (NumberFormatException e) {
          continue; // not named by this version: not ours to judge
        }
        if (ProcessHandle.of(pid).isEmpty() && Files.deleteIfExists(f)) {
          removed++;
        }
      }
    } catch (IOException e) {
      // a temp directory we cannot list holds nothing we could delete either
    }
    return removed;
  }

  /** Thrown inside the SAX callbacks to stop the parse when the reader is closed. */
  private static final class Stop extends RuntimeException {
    Stop() {
      super(null, null, false, false);
    }
  }

  /** Collects the cells of one row, by column letter, into a {@link TableRow}. */
  private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final List<String> cells = new ArrayList<>();

    @Override
    public void startRow(int rowNum) {
      cells.clear();
    }

    @Override
    public void endRow(int rowNum) {
      if (closed) {
        throw new Stop();
      }
      put(new TableRow(rowNum + 1L, cells));
    }

    @Override
    public void cell(String ref, String value, XSSFComment comment) {
      int col = ref == null ? cells.size() : new CellReference(ref).getCol();
      while (cells.size() < col) {
        cells.add("");
      }
      if (cells.size() == col) {
        cells.add(value == null ? "" : value);
      } else {
        cells.set(col, value == null ? "" : value);
      }
    }
  }

  /** Like Excel's display, except that date-formatted numbers become ISO text, which is unambiguous. */
  private static final class IsoDateFormatter extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        LocalDateTime t = DateUtil.getLocalDateTime(value, false, true);
        return t.toString();
      }
      return super.formatRawCellContents(value, formatIndex, formatString);
    }
  }
}
