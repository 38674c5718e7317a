package dev.starling.engine.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.engine.app.Starling;
import dev.starling.engine.campaigns.CampaignReport;
import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import dev.starling.fixtures.DatasetGenerator;
import dev.starling.fixtures.DatasetSpec;
import dev.starling.fixtures.DatasetSummary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The workbook read back with POI: names, headers, cell types and formats, values, charts, hostile text. */
@ExtendWith(DataDirExtension.class)
class WorkbookExporterTest {
  static final ZoneId UTC = ZoneId.of("UTC");

  static XSSFWorkbook read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new XSSFWorkbook(in);
    }
  }

  static List<String> sheetNames(XSSFWorkbook wb) {
    List<String> out = new ArrayList<>();
    wb.forEach(s -> out.add(s.getSheetName()));
    return out;
  }

  static List<String> header(Sheet sheet) {
    List<String> out = new ArrayList<>();
    sheet.getRow(0).forEach(c -> out.add(c.getStringCellValue()));
    return out;
  }

  private static void generated(Starling s, Path in, DatasetSpec spec) throws IOException {
    DatasetSummary gen = DatasetGenerator.generate(spec, in);
    for (Path f : List.of(gen.subscribersFile(), gen.campaignsFile(), gen.eventsFile())) {
      s.importFile(f, null, ImportListener.NONE);
    }
  }

  @Test
  void theCampaignsSheetHoldsTheGeneratorsExpectedFiguresAsTypedCellsAndTheSummaryChartsPointAtThem(Starling s, DataDir dir)
      throws IOException {
    Path tmp = dir.root();
    Path file = tmp.resolve("report.xlsx");
    generated(s, tmp.resolve("in"), DatasetSpec.of(1500, 7, 11));
    {
      WorkbookExporter.Result r = s.exportWorkbook(file, DateRange.ALL, Period.MONTH, Locale.ENGLISH, UTC);
      assertEquals(7, r.campaigns());
      assertEquals(2, r.periods(), "January and February 2026");
    }
    List<String> truth = Files.readAllLines(tmp.resolve("in").resolve(DatasetGenerator.CAMPAIGNS_TRUTH));
    List<String> truthHeader = List.of(truth.get(0).split(","));
    try (XSSFWorkbook wb = read(file)) {
      assertEquals(List.of("Summary", "Campaigns", "Periods", "SLA", "Rule grades", "Star subscribers", "Lead suggestions", "Accounts",
          "Links"), sheetNames(wb));
      XSSFSheet campaigns = wb.getSheet("Campaigns");
      assertEquals(List.of("Campaign", "Subject line", "Sent", "Sends", "Delivered", "Unique human opens", "Human open rate",
          "Unique human clicks", "Click rate", "Human opens", "Machine opens", "Machine-open share", "Human clicks",
          "Hard bounces", "Soft bounces", "Bounce rate", "Complaints", "Complaint rate", "Unsubscribes",
          "Unsubscribe rate"), header(campaigns));
      List<String> keys = CampaignReport.CAMPAIGN_COLUMNS.stream().map(c -> c.key()).toList();
      assertEquals(8, campaigns.getPhysicalNumberOfRows(), "a header and 7 campaigns");
      for (int i = 1; i < truth.size(); i++) {
        String[] expected = truth.get(i).split(",");
        Row row = campaigns.getRow(i);
        assertEquals(expected[0], row.getCell(0).getStringCellValue());
        Map<String, Long> counts = new HashMap<>();
        for (int k = 1; k < truthHeader.size() - 1; k++) { // every count but stars_after
          String key = truthHeader.get(k);
          Cell cell = row.getCell(keys.indexOf(key));
          assertEquals(CellType.NUMERIC, cell.getCellType(), key);
          assertEquals("#,##0", cell.getCellStyle().getDataFormatString(), key);
          assertEquals(Long.parseLong(expected[k]), (long) cell.getNumericCellValue(), expected[0] + " " + key);
          counts.put(key, Long.parseLong(expected[k]));
        }
        Cell rate = row.getCell(keys.indexOf("human_open_rate"));
        assertEquals("0.0%", rate.getCellStyle().getDataFormatString());
        assertEquals((double) counts.get("unique_human_opens") / counts.get("delivered"), rate.getNumericCellValue());
        Cell click = row.getCell(keys.indexOf("click_rate"));
        assertEquals((double) counts.get("unique_human_clicks") / counts.get("delivered"), click.getNumericCellValue());
        Cell sent = row.getCell(2);
        assertEquals("yyyy-mm-dd hh:mm", sent.getCellStyle().getDataFormatString());
        assertEquals(Instant.parse("2026-01-06T09:00:00Z").plusSeconds(7L * 86_400 * (i - 1)).atZone(UTC).toLocalDateTime(),
            sent.getLocalDateTimeCellValue());
      }
      // Bold, frozen header; autofilter over the whole table.
      assertTrue(wb.getFontAt(campaigns.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold());
      assertEquals(1, campaigns.getPaneInformation().getHorizontalSplitTopRow());
      assertTrue(campaigns.getPaneInformation().isFreezePane());
      assertEquals("A1:T8", campaigns.getCTWorksheet().getAutoFilter().getRef());
      assertTrue(campaigns.getColumnWidth(5) >= "Unique human opens".length() * 256, "wide enough for its header");

      // The stars sheet lists exactly the generator's stars; the periods sheet's last star count agrees.
      XSSFSheet stars = wb.getSheet("Star subscribers");
      TreeSet<String> emails = new TreeSet<>();
      for (int i = 1; i <= stars.getLastRowNum(); i++) {
        emails.add(stars.getRow(i).getCell(0).getStringCellValue());
      }
      List<String> expectedStars = Files.readAllLines(tmp.resolve("in/truth/stars.txt"));
      assertEquals(expectedStars, List.copyOf(emails));
      XSSFSheet periods = wb.getSheet("Periods");
      int starsCol = header(periods).indexOf("Stars");
      assertEquals(expectedStars.size(), (long) periods.getRow(2).getCell(starsCol).getNumericCellValue());
      assertEquals(Long.parseLong(truth.getLast().substring(truth.getLast().lastIndexOf(',') + 1)),
          (long) periods.getRow(2).getCell(starsCol).getNumericCellValue(), "stars_after of the last campaign");

      // Summary: key figures, then three native charts on the Campaigns and Periods columns.
      XSSFSheet summary = wb.getSheet("Summary");
      assertEquals(List.of("Figure", "Value", "Rate"), header(summary));
      assertEquals("subscribers", summary.getRow(1).getCell(0).getStringCellValue());
      assertEquals(1500, (long) summary.getRow(1).getCell(1).getNumericCellValue());
      List<XSSFChart> charts = summary.getDrawingPatriarch().getCharts();
      assertEquals(List.of("Human open rate and click rate by period", "Human and machine opens by campaign",
          "Star subscribers at the end of each period"), charts.stream().map(c -> c.getTitleText().getString()).toList());

      List<String> periodKeys = CampaignReport.PERIOD_COLUMNS.stream().map(c -> c.key()).toList();
      XDDFChartData line = charts.get(0).getChartSeries().getFirst();
      assertTrue(line instanceof XDDFLineChartData);
      assertEquals(List.of(
              "Periods!$A$2:$A$3 Periods!$" + col(periodKeys, "human_open_rate") + "$2:$" + col(periodKeys, "human_open_rate") + "$3",
              "Periods!$A$2:$A$3 Periods!$" + col(periodKeys, "click_rate") + "$2:$" + col(periodKeys, "click_rate") + "$3"),
          ranges(line));
      XDDFBarChartData bars = (XDDFBarChartData) charts.get(1).getChartSeries().getFirst();
      assertEquals(BarGrouping.STACKED, bars.getBarGrouping());
      assertEquals(BarDirection.COL, bars.getBarDirection());
      assertEquals(List.of(
              "Campaigns!$A$2:$A$8 Campaigns!$" + col(keys, "human_opens") + "$2:$" + col(keys, "human_opens") + "$8",
              "Campaigns!$A$2:$A$8 Campaigns!$" + col(keys, "machine_opens") + "$2:$" + col(keys, "machine_opens") + "$8"),
          ranges(bars));
      assertTrue(charts.get(1).getCTChart().getPlotArea().getBarChartArray(0).xmlText().contains("overlap val=\"100\""),
          "stacked bars overlap fully");
      XDDFBarChartData starBars = (XDDFBarChartData) charts.get(2).getChartSeries().getFirst();
      assertEquals(BarGrouping.CLUSTERED, starBars.getBarGrouping());
      assertEquals(List.of("Periods!$A$2:$A$3 Periods!$" + col(periodKeys, "stars") + "$2:$" + col(periodKeys, "stars") + "$3"),
          ranges(starBars));
      assertEquals("Periods!$" + col(periodKeys, "human_open_rate") + "$1",
          charts.get(0).getCTChart().getPlotArea().getLineChartArray(0).getSerArray(0).getTx().getStrRef().getF(),
          "a series is named by its column's header cell");
    }
  }

  private static String col(List<String> keys, String key) {
    return CellReference.convertNumToColString(keys.indexOf(key));
  }

  private static List<String> ranges(XDDFChartData data) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      XDDFChartData.Series s = data.getSeries(i);
      out.add(s.getCategoryData().getDataRangeReference() + " " + s.getValuesData().getDataRangeReference());
    }
    return out;
  }

  @Test
  void theLeadsSheetListsTheSuggestionsWithTheirStatusAndOwner(Starling s, DataDir dir) throws IOException {
    generated(s, dir.input("in"), DatasetSpec.of(1500, 10, 3));
    List<dev.starling.engine.leads.Lead> leads = s.suggestLeads().leads();
    assertTrue(leads.size() > 5, "leads " + leads.size());
    long first = leads.getFirst().id();
    s.transitionLead(first, dev.starling.engine.leads.LeadStatus.ACCEPTED, "marta", "called her");
    Path file = dir.input("leads.xlsx");
    WorkbookExporter.Result r = s.exportWorkbook(file, DateRange.ALL, Period.MONTH, Locale.ENGLISH, UTC);
    assertEquals(leads.size(), r.leads());
    try (XSSFWorkbook wb = read(file)) {
      XSSFSheet sheet = wb.getSheet("Lead suggestions");
      assertEquals(List.of("#", "Week", "Pri", "Rule id", "Subject", "Who", "Reason", "Status", "Owner", "Suggested"),
          header(sheet));
      List<Long> ids = new ArrayList<>();
      for (int i = 1; i <= sheet.getLastRowNum(); i++) {
        Row row = sheet.getRow(i);
        long id = (long) row.getCell(0).getNumericCellValue();
        ids.add(id);
        if (id == first) {
          assertEquals(List.of("accepted", "marta"), List.of(row.getCell(7).getStringCellValue(), row.getCell(8).getStringCellValue()));
        } else {
          assertEquals("suggested", row.getCell(7).getStringCellValue());
          assertEquals(null, row.getCell(8), "no owner before anyone took it");
        }
      }
      assertEquals(leads.stream().map(dev.starling.engine.leads.Lead::id).sorted().toList(), ids.stream().sorted().toList());
      XSSFSheet summary = wb.getSheet("Summary");
      assertEquals("leads suggested", summary.getRow(14).getCell(0).getStringCellValue());
      assertEquals(leads.size(), (long) summary.getRow(14).getCell(1).getNumericCellValue());
    }
  }

  /** Five weekly campaigns, all opened by a person whose name is a formula, and one quiet reader. */
  private static void hostile(Starling s, Path tmp) throws IOException {
    Path list = Files.writeString(tmp.resolve("list.csv"), """
        email,first_name,last_name,company,country
        eve@evil.example,"=HYPERLINK(""http://evil.example"",""x"")",,@SUM(1),ES
        quiet@acme.example,Quinn,Quiet,Acme,DE
        """);
    StringBuilder campaigns = new StringBuilder("campaign_id,name,subject,sent_at,list\n");
    StringBuilder events = new StringBuilder("type,email,campaign_id,at,user_agent,ip,url\n");
    for (int c = 1; c <= 5; c++) {
      String day = "2026-03-0" + c;
      campaigns.append("c").append(c).append(",N").append(c).append(",+cmd|' /C calc'!A0,").append(day).append("T09:00:00Z,news\n");
      for (String who : List.of("eve@evil.example", "quiet@acme.example")) {
        events.append("delivery,").append(who).append(",c").append(c).append(',').append(day).append("T09:00:05Z,,,\n");
      }
      events.append("open,eve@evil.example,c").append(c).append(',').append(day).append("T12:00:00Z,Outlook,80.1.1.1,\n");
      events.append("click,eve@evil.example,c").append(c).append(',').append(day)
          .append("T12:01:00Z,Outlook,80.1.1.1,=1+1\n");
    }
    s.importFile(list, null, ImportListener.NONE);
    s.importFile(Files.writeString(tmp.resolve("campaigns.csv"), campaigns), null, ImportListener.NONE);
    s.importFile(Files.writeString(tmp.resolve("events.csv"), events), null, ImportListener.NONE);
  }

  @Test
  void textFromImportedDataThatCouldRunAsAFormulaIsWrittenAsHarmlessText(Starling s, DataDir dir) throws IOException {
    Path file = dir.input("hostile.xlsx");
    hostile(s, dir.root());
    s.exportWorkbook(file, DateRange.ALL, Period.MONTH, Locale.ENGLISH, UTC);
    try (XSSFWorkbook wb = read(file)) {
      Row star = wb.getSheet("Star subscribers").getRow(1);
      assertEquals(List.of("eve@evil.example", "'=HYPERLINK(\"http://evil.example\",\"x\")", "'@SUM(1)", "ES"),
          List.of(star.getCell(0).getStringCellValue(), star.getCell(1).getStringCellValue(),
              star.getCell(2).getStringCellValue(), star.getCell(3).getStringCellValue()));
      assertEquals(2, wb.getSheet("Star subscribers").getPhysicalNumberOfRows(), "one star: quiet never opened");
      assertEquals("'+cmd|' /C calc'!A0", wb.getSheet("Campaigns").getRow(1).getCell(1).getStringCellValue());
      assertEquals("'=1+1", wb.getSheet("Links").getRow(1).getCell(2).getStringCellValue());
      int formulas = 0;
      for (Sheet sheet : wb) {
        for (Row row : sheet) {
          for (Cell cell : row) {
            formulas += cell.getCellType() == CellType.FORMULA ? 1 : 0;
          }
        }
      }
      assertEquals(0, formulas, "no cell anywhere is a formula");
    }
  }

  @Test
  void sheetAndHeaderNamesAreSpanishWithLangEs(Starling s, DataDir dir) throws IOException {
    Path file = dir.input("es.xlsx");
    hostile(s, dir.root());
    s.exportWorkbook(file, DateRange.ALL, Period.QUARTER, Locale.forLanguageTag("es"), ZoneId.of("Europe/Madrid"));
    try (XSSFWorkbook wb = read(file)) {
      assertEquals(List.of("Resumen", "Campañas", "Periodos", "SLA", "Valoración de reglas", "Suscriptores estrella", "Oportunidades sugeridas", "Cuentas", "Enlaces"), sheetNames(wb));
      List<String> header = header(wb.getSheet("Campañas"));
      assertEquals(List.of("Campaña", "Asunto", "Enviada", "Envíos", "Entregados"), header.subList(0, 5));
      assertTrue(header.contains("Tasa de apertura humana"), header.toString());
      assertEquals("2026-Q1", wb.getSheet("Periodos").getRow(1).getCell(0).getStringCellValue());
      assertEquals("Tasa de apertura humana y tasa de clics por periodo",
          wb.getSheet("Resumen").getDrawingPatriarch().getCharts().getFirst().getTitleText().getString());
      assertEquals(List.of("Indicador", "Valor", "Tasa"), header(wb.getSheet("Resumen")));
      assertEquals("suscriptores", wb.getSheet("Resumen").getRow(1).getCell(0).getStringCellValue());
    }
  }
}
