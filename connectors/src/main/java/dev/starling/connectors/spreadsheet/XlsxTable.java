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
 */
final class XlsxTable implements RowSource {

  private static final Object END = new Object();

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
    file = Files.createTempFile("starling-sheet-", ".xlsx");
    try (in) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (IOException | RuntimeException | OpenXML4JException e) {
      Files.deleteIfExists(file);
      throw e instanceof IOException io ? io : new IOException("is not a readable .xlsx workbook: " + e.getMessage(), e);
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
      throw e instanceof IOException io ? io : new IOException("is not a readable .xlsx workbook: " + e.getMessage(), e);
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
      // The SAX parse cannot resume after a broken element: refuse the sheet rather than keep the
      // rows before the break and lose those after it unseen.
      throw new UnreadableSourceException(source, lastRow + 1, "the sheet cannot be read past row " + lastRow
          + " (" + e.getMessage() + "): the rest of the file cannot be read as rows", e);
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
