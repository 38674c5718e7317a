package dev.starling.engine.export;

import dev.starling.engine.campaigns.CampaignReport;
import dev.starling.engine.report.CellText;
import dev.starling.engine.report.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes the managers' workbook: a writer of report tables, one sheet per table, plus native charts on
 * the Summary sheet.
 *
 * <p>Sheets, in order: Summary (key figures and three charts), Campaigns, Periods, SLA (with its chart)
 * and Rule grades when given, Stars, Leads, Accounts, Links; names and headers in the chosen language. Why two POI models in one file: charts need
 * the in-memory model (XSSF), which holds every cell on the heap; a million-row star list needs the
 * streaming one (SXSSF), which keeps a window of rows and flushes the rest to a temporary file. So the
 * small sheets and the charts are built first in an XSSF workbook, which then becomes the template of an
 * SXSSF workbook that streams the long lists onto new sheets.
 *
 * <pre>{@code
 * WorkbookExporter.write(file, new WorkbookExporter.Content(summary, campaignReport, stars, leads, accounts),
 *     Locale.forLanguageTag("es"), ZoneId.of("Europe/Madrid"));
 * }</pre>
 */
public final class WorkbookExporter {
  /** Rows SXSSF keeps in memory per streamed sheet. */
  private static final int WINDOW = 200;

  private WorkbookExporter() {}

  /**
   * What goes in the workbook.
   *
   * @param summary the key figures ({@code campaigns.KeyFigures})
   * @param notes label-value lines written under the key figures (range, time zone, period)
   * @param sla the agreement's figures per period and rule ({@code app.SlaTables.sla}), or {@code null} for no SLA sheet
   * @param ruleGrades how sales judged each rule ({@code app.SlaTables.grades}), or {@code null}
   */
  public record Content(Table summary, List<String[]> notes, CampaignReport campaigns, Table stars, Table leads,
      Table accounts, Table sla, Table ruleGrades) {
    /** Without the SLA sheets. */
    public Content(Table summary, List<String[]> notes, CampaignReport campaigns, Table stars, Table leads, Table accounts) {
      this(summary, notes, campaigns, stars, leads, accounts, null, null);
    }
  }

  /** What was written: rows per sheet, for the command's message ({@code sla} counts the SLA sheet's rows). */
  public record Result(Path file, long campaigns, long periods, long stars, long leads, long accounts, long links, long sla) {}

  /**
   * Writes the workbook to {@code file} (through a temporary file beside it, so a failure never leaves a
   * half-written workbook under the real name).
   */
  public static Result write(Path file, Content content, Locale language, ZoneId zone) {
    SheetLabels labels = new SheetLabels(language);
    Path tmp = file.toAbsolutePath().resolveSibling(file.getFileName() + ".part");
    try (XSSFWorkbook template = new XSSFWorkbook()) {
      SheetStyles styles = new SheetStyles(template);
      TableSheet memory = new TableSheet(template, styles, labels, zone);
      XSSFSheet summary = (XSSFSheet) memory.write(content.summary(), false).sheet();
      notes(summary, content.notes(), styles);
      CampaignReport report = content.campaigns();
      TableSheet.Written campaigns = memory.write(report.campaignTable(), true);
      TableSheet.Written periods = memory.write(report.periodTable(), true);
      charts(new SummaryCharts(summary), labels, (XSSFSheet) campaigns.sheet(), (int) campaigns.rows(),
          (XSSFSheet) periods.sheet(), (int) periods.rows());
      long sla = content.sla() == null ? 0 : SlaSheet.write(memory, labels, content.sla(), content.ruleGrades());

      SXSSFWorkbook streaming = new SXSSFWorkbook(template, WINDOW);
      try {
        streaming.setCompressTempFiles(true);
        TableSheet lists = new TableSheet(streaming, styles, labels, zone);
        long stars = lists.write(content.stars(), true).rows();
        long leads = lists.write(content.leads(), true).rows();
        long accounts = lists.write(content.accounts(), true).rows();
        long links = lists.write(report.linkTable(), true).rows();
        Files.createDirectories(tmp.getParent());
        try (OutputStream out = Files.newOutputStream(tmp)) {
          streaming.write(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Result(file, campaigns.rows(), periods.rows(), stars, leads, accounts, links, sla);
      } finally {
        streaming.dispose();
      }
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the first error is the one to report
      }
      throw new UncheckedIOException(e);
    }
  }

  private static void notes(XSSFSheet summary, List<String[]> notes, SheetStyles styles) {
    int r = summary.getLastRowNum() + 2;
    for (String[] note : notes) {
      Row row = summary.createRow(r++);
      Cell label = row.createCell(0);
      label.setCellValue(note[0]);
      label.setCellStyle(styles.header);
      row.createCell(1).setCellValue(CellText.forSpreadsheet(note[1]));
    }
  }

  /** The three charts; none when there is nothing to plot (an empty range). */
  private static void charts(SummaryCharts charts, SheetLabels labels, XSSFSheet campaigns, int campaignRows,
      XSSFSheet periods, int periodRows) {
    if (periodRows > 0) {
      charts.line(labels.sheet("rates_by_period"), periods, periodRows,
          column(CampaignReport.PERIOD_COLUMNS, "human_open_rate"), column(CampaignReport.PERIOD_COLUMNS, "click_rate"));
    }
    if (campaignRows > 0) {
      charts.columns(labels.sheet("opens_by_campaign"), campaigns, campaignRows, true,
          column(CampaignReport.CAMPAIGN_COLUMNS, "human_opens"), column(CampaignReport.CAMPAIGN_COLUMNS, "machine_opens"));
    }
    if (periodRows > 0) {
      charts.columns(labels.sheet("stars_over_time"), periods, periodRows, false,
          column(CampaignReport.PERIOD_COLUMNS, "stars"));
    }
  }

  private static int column(List<dev.starling.engine.report.Column> cols, String key) {
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).key().equals(key)) {
        return i;
      }
    }
    throw new IllegalStateException("no column " + key);
  }
}
