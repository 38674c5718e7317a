package dev.starling.engine.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.starling.engine.app.Starling;
import dev.starling.engine.campaigns.DateRange;
import dev.starling.engine.campaigns.Period;
import dev.starling.engine.ingest.ImportListener;
import dev.starling.engine.leads.LeadStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SLA and rule-grade sheets read back with POI: the same figures as {@code report sla} and
 * {@code report rules} (see LeadOutcomesCliTest for the same history as CSV), Spanish headers, numbers
 * as numbers with their formats, ratios as percentages, and the chart of the all-rules rows.
 */
class SlaSheetTest {
  @TempDir Path tmp;

  /**
   * ana (a star) and bo (rising engagement) are suggested on Monday 2 March 2026 08:00 UTC; ana's lead is
   * accepted 26 h later and won 50 h after that; bo's is rejected as "wrong person".
   */
  @Test
  void theSlaSheetHoldsTheReportsFiguresAsTypedCellsWithSpanishHeadersAndAChart() throws IOException {
    Path data = tmp.resolve("data");
    Path list = Files.writeString(tmp.resolve("list.csv"), "email,name,company\nana@acme.example,Ana,Acme\nbo@beta.example,Bo,Beta\n");
    StringBuilder ev = new StringBuilder("type,email,campaign_id,at\n");
    for (int week = 0; week < 6; week++) {
      for (String who : List.of("ana@acme.example", "bo@beta.example")) {
        ev.append(event("send", who, week, 0));
        if (who.startsWith("ana") || week > 0) {
          ev.append(event("open", who, week, 3600));
        }
      }
    }
    Path events = Files.writeString(tmp.resolve("events.csv"), ev);
    try (Starling s = Starling.create(data, at("2026-03-02T08:00:00Z"))) {
      s.importFile(list, null, ImportListener.NONE);
      s.importFile(events, null, ImportListener.NONE);
      assertEquals(2, s.suggestLeads().created());
    }
    step(data, "2026-03-03T10:00:00Z", 1, LeadStatus.ACCEPTED, null);
    step(data, "2026-03-05T12:00:00Z", 1, LeadStatus.WON, null);
    step(data, "2026-03-03T11:00:00Z", 2, LeadStatus.REJECTED, "wrong person");
    Path file = tmp.resolve("informe.xlsx");
    try (Starling s = Starling.open(data, at("2026-03-05T12:00:00Z"))) {
      assertEquals(3, s.exportWorkbook(file, DateRange.ALL, Period.MONTH, Locale.forLanguageTag("es"), ZoneId.of("UTC")).sla());
    }
    try (XSSFWorkbook wb = WorkbookExporterTest.read(file)) {
      assertEquals(List.of("Resumen", "Campañas", "Periodos", "SLA", "Valoración de reglas", "Suscriptores estrella",
          "Oportunidades sugeridas", "Cuentas", "Enlaces"), WorkbookExporterTest.sheetNames(wb));
      XSSFSheet sla = wb.getSheet("SLA");
      assertEquals(List.of("Periodo", "Id de regla", "Sugeridas", "Aceptadas", "Contactadas", "Ganadas", "Perdidas",
          "Rechazadas", "Velocidad h (mediana)", "Velocidad h (p90)", "Conversión h (mediana)", "Tasa de conversión",
          "Oportunidades efectivas", "Crecimiento de cualificadas %", "Aceptadas a tiempo"), WorkbookExporterTest.header(sla));
      assertEquals(List.of(
          "2026-03|all rules|2 #,##0|1 #,##0|0 #,##0|1 #,##0|0 #,##0|1 #,##0|26.0 #,##0.00|26.0 #,##0.00|50.0 #,##0.00|1.0 0.0%|1 #,##0|-|0.5 0.0%",
          "2026-03|rising-engagement|1 #,##0|0 #,##0|0 #,##0|0 #,##0|0 #,##0|1 #,##0|-|-|-|-|1 #,##0|-|0.0 0.0%",
          "2026-03|star-subscriber|1 #,##0|1 #,##0|0 #,##0|1 #,##0|0 #,##0|0 #,##0|26.0 #,##0.00|26.0 #,##0.00|50.0 #,##0.00|1.0 0.0%|0 #,##0|-|1.0 0.0%"),
          rows(sla, 15));
      assertEquals("A1:O4", sla.getCTWorksheet().getAutoFilter().getRef());

      XSSFSheet grades = wb.getSheet("Valoración de reglas");
      assertEquals(List.of("Id de regla", "Sugerencias", "Aceptadas", "Ganadas", "Hasta aceptación h (mediana)",
          "Motivos de rechazo principales", "Mayoría rechazadas"), WorkbookExporterTest.header(grades));
      assertEquals(List.of(
          "rising-engagement|1 #,##0|0.0 0.0%|0.0 0.0%|-|wrong person (1)|yes",
          "star-subscriber|1 #,##0|1.0 0.0%|1.0 0.0%|26.0 #,##0.00||no"), rows(grades, 7));

      List<XSSFChart> charts = sla.getDrawingPatriarch().getCharts();
      assertEquals(List.of("Oportunidades sugeridas, aceptadas y ganadas por periodo (todas las reglas)"),
          charts.stream().map(c -> c.getTitleText().getString()).toList());
      XDDFBarChartData bars = (XDDFBarChartData) charts.get(0).getChartSeries().getFirst();
      assertEquals(BarGrouping.CLUSTERED, bars.getBarGrouping());
      List<String> series = new ArrayList<>();
      for (int i = 0; i < bars.getSeriesCount(); i++) {
        XDDFChartData.Series s = bars.getSeries(i);
        series.add(charts.get(0).getCTChart().getPlotArea().getBarChartArray(0).getSerArray(i).getTx().getV() + " "
            + s.getCategoryData().getPointAt(0) + "=" + s.getValuesData().getPointAt(0));
      }
      assertEquals(List.of("Sugeridas 2026-03=2.0", "Aceptadas 2026-03=1.0", "Ganadas 2026-03=1.0"), series);
    }
  }

  /** Each data row as text: strings as they are, numbers as value and format, blanks as '-'. */
  private static List<String> rows(XSSFSheet sheet, int columns) {
    List<String> out = new ArrayList<>();
    for (int r = 1; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < columns; c++) {
        Cell cell = row.getCell(c);
        if (cell == null) {
          cells.add("-");
        } else if (cell.getCellType() == CellType.NUMERIC) {
          double v = cell.getNumericCellValue();
          String fmt = cell.getCellStyle().getDataFormatString();
          cells.add((fmt.equals("#,##0") ? Long.toString((long) v) : Double.toString(v)) + " " + fmt);
        } else {
          cells.add(cell.getStringCellValue());
        }
      }
      out.add(String.join("|", cells));
    }
    return out;
  }

  private static void step(Path data, String utc, long id, LeadStatus to, String reason) {
    try (Starling s = Starling.open(data, at(utc))) {
      s.transitionLead(id, to, to == LeadStatus.ACCEPTED ? "Rita" : null, null, reason);
    }
  }

  static Clock at(String utc) {
    return Clock.fixed(Instant.parse(utc), ZoneOffset.UTC);
  }

  static String event(String type, String who, int week, int seconds) {
    return type + "," + who + ",nl-" + week + "," + Instant.parse("2026-01-06T09:00:00Z").plusSeconds(week * 7L * 86400 + seconds) + "\n";
  }
}
