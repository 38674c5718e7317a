package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/** {@code starling export}: exact stdout, stderr and exit code. */
class ExportCommandTest {
  @TempDir Path tmp;
  Path data;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    Context ctx = new Context(Map.of(), Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC), false);
    CommandLine cl = StarlingCommand.commandLine(ctx, false);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Run(cl.execute(args), out.toString(), err.toString());
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
  void badOptionsAreOneLineUserErrors() {
    String f = tmp.resolve("r.xlsx").toString();
    assertEquals(new Run(1, "", "starling: --period must be month, quarter or year but was 'week'\n"),
        run("export", "--data", data.toString(), f, "--period", "week"));
    assertEquals(new Run(1, "", "starling: --lang must be en or es but was 'fr'\n"),
        run("export", "--data", data.toString(), f, "--lang", "fr"));
    assertEquals(new Run(1, "", "starling: --from must be a date like 2026-03-31 but was '31/03/2026'\n"),
        run("export", "--data", data.toString(), f, "--from", "31/03/2026"));
    assertEquals(new Run(1, "", "starling: --to 2026-03-01 is before --from 2026-03-31\n"),
        run("export", "--data", data.toString(), f, "--from", "2026-03-31", "--to", "2026-03-01"));
    assertEquals(new Run(1, "", "starling: the workbook must be an .xlsx file but was 'report.csv'\n"),
        run("export", "--data", data.toString(), "report.csv"));
  }
}
