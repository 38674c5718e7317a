package dev.starling.engine.export;

import java.util.List;
import javax.xml.namespace.QName;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTBarChart;

/**
 * The Summary sheet's native Excel charts (XDDF, not pictures: a manager can restyle them, and they
 * follow the data if rows are edited). Each series points at a column of the Campaigns or Periods sheet,
 * so the charts show exactly the figures in the tables. Those two sheets are in-memory (XSSF) sheets,
 * written before the workbook switches to streaming for the long lists, because a chart reads its
 * category and value cells when it is plotted.
 */
final class SummaryCharts {
  /** Where the charts go: to the right of the key figures, one under the other. */
  private static final int LEFT = 5;
  private static final int RIGHT = 16;
  private static final int HEIGHT = 20;

  private final XSSFSheet summary;
  private final XSSFDrawing drawing;
  private final int left;
  private int slot;

  SummaryCharts(XSSFSheet summary) {
    this(summary, LEFT);
  }

  /** Charts on {@code sheet} from column {@code left} on (the SLA sheet puts them right of its table). */
  SummaryCharts(XSSFSheet sheet, int left) {
    this.summary = sheet;
    this.drawing = sheet.createDrawingPatriarch();
    this.left = left;
  }

  /**
   * A clustered column chart of values given here, not read from cells: for a chart of some rows of a
   * table (the SLA sheet's all-rules rows sit between the per-rule ones, so no cell range holds them).
   *
   * @param series a name per series, in order; {@code values} holds one array per series, one value per category
   */
  void columns(String title, String[] categories, List<String> series, List<Double[]> values) {
    XSSFChart chart = chart(title);
    XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
    XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
    y.setCrosses(AxisCrosses.AUTO_ZERO);
    XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
    data.setBarDirection(BarDirection.COL);
    data.setVaryColors(false);
    data.setBarGrouping(BarGrouping.CLUSTERED);
    XDDFDataSource<String> cats = XDDFDataSourcesFactory.fromArray(categories);
    for (int i = 0; i < series.size(); i++) {
      data.addSeries(cats, XDDFDataSourcesFactory.fromArray(values.get(i))).setTitle(series.get(i), null);
    }
    chart.plot(data);
  }

  /** A line chart of {@code valueCols} of {@code sheet} (a ratio each) over the categories in column 0. */
  void line(String title, XSSFSheet sheet, int rows, int... valueCols) {
    XSSFChart chart = chart(title);
    XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
    XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
    y.setCrosses(AxisCrosses.AUTO_ZERO);
    y.setNumberFormat("0%");
    XDDFLineChartData data = (XDDFLineChartData) chart.createData(ChartTypes.LINE, x, y);
    data.setVaryColors(false);
    for (int col : valueCols) {
      XDDFLineChartData.Series s = (XDDFLineChartData.Series) data.addSeries(categories(sheet, rows), values(sheet, rows, col));
      title(s, sheet, col);
      s.setSmooth(false);
      s.setMarkerStyle(MarkerStyle.CIRCLE);
    }
    chart.plot(data);
  }

  /** A column chart of {@code valueCols}, stacked when there are several. */
  void columns(String title, XSSFSheet sheet, int rows, boolean stacked, int... valueCols) {
    XSSFChart chart = chart(title);
    XDDFCategoryAxis x = chart.createCategoryAxis(AxisPosition.BOTTOM);
    XDDFValueAxis y = chart.createValueAxis(AxisPosition.LEFT);
    y.setCrosses(AxisCrosses.AUTO_ZERO);
    XDDFBarChartData data = (XDDFBarChartData) chart.createData(ChartTypes.BAR, x, y);
    data.setBarDirection(BarDirection.COL);
    data.setVaryColors(false);
    data.setBarGrouping(stacked ? BarGrouping.STACKED : BarGrouping.CLUSTERED);
    for (int col : valueCols) {
      title(data.addSeries(categories(sheet, rows), values(sheet, rows, col)), sheet, col);
    }
    chart.plot(data);
    if (stacked) {
      overlapFully(chart);
    }
  }

  /**
   * {@code <c:overlap val="100"/>}: without it Excel draws the parts of a stacked bar offset from each other.
   * Written as raw XML because the trimmed schema jar POI ships (poi-ooxml-lite) lacks the type that
   * {@code XDDFBarChartData.setOverlap} needs; the element goes where the schema puts it, before the axis ids.
   */
  private static void overlapFully(XSSFChart chart) {
    CTBarChart bar = chart.getCTChart().getPlotArea().getBarChartArray(0);
    try (XmlCursor cursor = bar.getAxIdArray(0).newCursor()) {
      cursor.beginElement(new QName(CHART_NS, "overlap", "c"));
      cursor.insertAttributeWithValue("val", "100");
    }
  }

  private static final String CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";

  private XSSFChart chart(String title) {
    int top = slot++ * (HEIGHT + 1);
    XSSFChart chart = drawing.createChart(drawing.createAnchor(0, 0, 0, 0, left, top, left + RIGHT - LEFT, top + HEIGHT));
    chart.setTitleText(title);
    chart.setTitleOverlay(false);
    chart.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
    return chart;
  }

  private static XDDFDataSource<String> categories(XSSFSheet sheet, int rows) {
    return XDDFDataSourcesFactory.fromStringCellRange(sheet, new CellRangeAddress(1, rows, 0, 0));
  }

  private static XDDFNumericalDataSource<Double> values(XSSFSheet sheet, int rows, int col) {
    return XDDFDataSourcesFactory.fromNumericCellRange(sheet, new CellRangeAddress(1, rows, col, col));
  }

  /** The series is named by its column's header cell, so it reads the same as the table. */
  private static void title(XDDFChartData.Series s, XSSFSheet sheet, int col) {
    s.setTitle(sheet.getRow(0).getCell(col).getStringCellValue(), new CellReference(sheet.getSheetName(), 0, col, true, true));
  }

  XSSFSheet sheet() {
    return summary;
  }
}
