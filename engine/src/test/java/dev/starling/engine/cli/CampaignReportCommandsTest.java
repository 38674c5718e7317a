package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.starling.engine.cli.CliRunner.Run;

/** {@code starling campaigns} and {@code starling export}: exact stdout, stderr and exit code. */
class CampaignReportCommandsTest {
  @TempDir Path tmp;
  Path data;

  Run run(String... args) {
    return CliRunner.run(Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), Map.of(), args);
  }

  /** Two people, five weekly campaigns in March; one of them opens and clicks every one. */
  @BeforeEach
  void imported() throws IOException {
    data = tmp.resolve("data");
    Path list = Files.writeString(tmp.resolve("list.csv"), """
        email,first_name,last_name,company,country
        ana@acme.example,Ana,Alba,Acme,ES
        bo@globex.example,Bo,Berg,Globex,SE
        """);
    StringBuilder campaigns = new StringBuilder("campaign_id,name,subject,sent_at,list\n");
    StringBuilder events = new StringBuilder("type,email,campaign_id,at,user_agent,ip,url\n");
    for (int c = 1; c <= 5; c++) {
      String day = "2026-03-0" + (c + 1);
      campaigns.append("c").append(c).append(",N").append(c).append(",Issue ").append(c).append(',').append(day).append("T09:00:00Z,news\n");
      for (String who : List.of("ana@acme.example", "bo@globex.example")) {
        events.append("delivery,").append(who).append(",c").append(c).append(',').append(day).append("T09:00:05Z,,,\n");
      }
      events.append("open,ana@acme.example,c").append(c).append(',').append(day).append("T12:00:00Z,Outlook,80.1.1.1,\n");
      events.append("click,ana@acme.example,c").append(c).append(',').append(day)
          .append("T12:01:00Z,Outlook,80.1.1.1,https://shop.example/pricing\n");
    }
    Run imp = run("import", "--data", data.toString(), list.toString(),
        Files.writeString(tmp.resolve("campaigns.csv"), campaigns).toString(),
        Files.writeString(tmp.resolve("events.csv"), events).toString());
    assertEquals(0, imp.code(), imp.err());
  }

  @Test
  void exportWritesTheWorkbookAndSaysWhatIsInIt() throws IOException {
    Path file = tmp.resolve("out/report.xlsx");
    Run r = run("export", "--data", data.toString(), file.toString(), "--period", "quarter", "--lang", "es");
    assertEquals(new Run(0, file + ": 5 campaigns, 1 quarter, 1 star subscriber, 0 leads, 2 engaged accounts, 5 link rows\n", ""), r);
    try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
      assertEquals("Campañas", wb.getSheetName(1));
      assertEquals("2026-Q1", wb.getSheet("Periodos").getRow(1).getCell(0).getStringCellValue());
    }
    assertFalse(Files.exists(tmp.resolve("out/report.xlsx.part")), "the temporary file is gone");

    Run march = run("export", "--data", data.toString(), file.toString(), "--from", "2026-03-04", "--to", "2026-03-05");
    assertEquals(new Run(0, file + ": 2 campaigns, 1 month, 1 star subscriber, 0 leads, 2 engaged accounts, 2 link rows\n", ""), march);
  }

  @Test
  void badOptionsAreOneLineUsageErrorsExitingTwo() {
    String f = tmp.resolve("r.xlsx").toString();
    String help = " (see 'starling export --help')\n";
    assertEquals(new Run(2, "", "starling: --period must be month, quarter or year but was 'week'" + help),
        run("export", "--data", data.toString(), f, "--period", "week"));
    assertEquals(new Run(2, "", "starling: --lang must be en or es but was 'fr'" + help),
        run("export", "--data", data.toString(), f, "--lang", "fr"));
    assertEquals(new Run(2, "", "starling: --from must be a date like 2026-03-31 but was '31/03/2026'" + help),
        run("export", "--data", data.toString(), f, "--from", "31/03/2026"));
    assertEquals(new Run(2, "", "starling: --to 2026-03-01 is before --from 2026-03-31" + help),
        run("export", "--data", data.toString(), f, "--from", "2026-03-31", "--to", "2026-03-01"));
    assertEquals(new Run(2, "", "starling: the workbook must be an .xlsx file but was 'report.csv'" + help),
        run("export", "--data", data.toString(), "report.csv"));
  }

  @Test
  void campaignsPrintsTheCampaignSheetsRowsInEachFormat() {
    Run csv = run("campaigns", "--data", data.toString(), "--format", "csv", "--from", "2026-03-03", "--to", "2026-03-04");
    assertEquals(new Run(0, "campaign,subject_line,sent_at,sends,delivered,unique_human_opens,human_open_rate,"
        + "unique_human_clicks,click_rate,human_opens,machine_opens,machine_open_share,human_clicks,hard_bounces,"
        + "soft_bounces,bounce_rate,complaints,complaint_rate,unsubscribes,unsubscribe_rate\r\n"
        + "c2,Issue 2,2026-03-03T09:00:00Z,2,2,1,0.5,1,0.5,1,0,0,1,0,0,0,0,0,0,0\r\n"
        + "c3,Issue 3,2026-03-04T09:00:00Z,2,2,1,0.5,1,0.5,1,0,0,1,0,0,0,0,0,0,0\r\n", ""), csv);

    Run table = run("campaigns", "--data", data.toString(), "--width", "100");
    assertEquals(new Run(0, """
                                                               unique  human  unique
                  subject                                       human   open   human  click  human  machine
        campaign  line     sent              sends  delivered   opens   rate  clicks   rate  opens    opens
        c1        Issue 1  2026-03-02 09:00      2          2       1  50.0%       1  50.0%      1        0
        c2        Issue 2  2026-03-03 09:00      2          2       1  50.0%       1  50.0%      1        0
        c3        Issue 3  2026-03-04 09:00      2          2       1  50.0%       1  50.0%      1        0
        c4        Issue 4  2026-03-05 09:00      2          2       1  50.0%       1  50.0%      1        0
        c5        Issue 5  2026-03-06 09:00      2          2       1  50.0%       1  50.0%      1        0
        (9 more columns: machine_open_share, human_clicks, hard_bounces, soft_bounces, bounce_rate,
        complaints, complaint_rate, unsubscribes, unsubscribe_rate; see them with --width or --format csv)
        """, ""), table);

    Run json = run("campaigns", "--data", data.toString(), "--format", "json", "--from", "2026-03-06");
    assertEquals(new Run(0, """
        [ {
          "campaign" : "c5",
          "subject_line" : "Issue 5",
          "sent_at" : "2026-03-06T09:00:00Z",
          "sends" : 2,
          "delivered" : 2,
          "unique_human_opens" : 1,
          "human_open_rate" : 0.5,
          "unique_human_clicks" : 1,
          "click_rate" : 0.5,
          "human_opens" : 1,
          "machine_opens" : 0,
          "machine_open_share" : 0,
          "human_clicks" : 1,
          "hard_bounces" : 0,
          "soft_bounces" : 0,
          "bounce_rate" : 0,
          "complaints" : 0,
          "complaint_rate" : 0,
          "unsubscribes" : 0,
          "unsubscribe_rate" : 0
        } ]
        """, ""), json);

    Run none = run("campaigns", "--data", data.toString(), "--from", "2027-01-01", "--width", "60");
    assertEquals(0, none.code());
    assertTrue(none.out().endsWith("No campaigns in this range.\n"), none.out());
  }

  @Test
  void campaignsDaysAreInTheConfiguredTimeZone() throws IOException {
    // The boundary case: a campaign sent at 23:30 UTC on 31 March is sent on 1 April in Madrid.
    Path late = Files.writeString(tmp.resolve("late.csv"), "campaign_id,name,subject,sent_at,list\n"
        + "late,Late,Late issue,2026-03-31T23:30:00Z,news\n");
    assertEquals(0, run("import", "--data", data.toString(), late.toString()).code());
    Run utc = run("campaigns", "--data", data.toString(), "--format", "csv", "--from", "2026-04-01");
    assertEquals(0, utc.code(), utc.err());
    assertEquals(1, utc.out().lines().count(), "only the header: in UTC the campaign is sent on 31 March");
    Files.writeString(data.resolve("starling.yaml"), "output:\n  time-zone: Europe/Madrid\n");
    Run madrid = run("campaigns", "--data", data.toString(), "--format", "csv", "--from", "2026-04-01");
    assertEquals(List.of("late"), madrid.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList());
  }
}
