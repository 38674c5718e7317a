package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code starling lead import} on real files and a real store: an English CSV, a Spanish Excel CSV in
 * Windows-1252 with semicolons, a UTF-8 one with a BOM, and an .xlsx written with POI. Two leads are
 * suggested on Monday 2 March 2026 08:00 UTC: #1 ana@acme.example (star-subscriber), #2 bo@beta.example
 * (rising-engagement).
 */
class LeadImportCliTest {
  @TempDir Path tmp;
  Path data;

  CliRunner.Run at(String utc, String... args) {
    return CliRunner.inData(data, CliRunner.at(utc), Map.of(), args);
  }

  @BeforeEach
  void twoLeads() throws IOException {
    data = tmp.resolve("data");
    Path list = CommandsCliTest.twoSubscribersList(tmp);
    Path events = CommandsCliTest.twoSubscribersSixWeeks(tmp);
    assertEquals(0, at("2026-03-02T08:00:00Z", "import", list.toString(), events.toString()).code());
    assertEquals(0, at("2026-03-02T08:00:00Z", "leads").code());
  }

  static final String CRM = """
      lead,email,status,date,owner,note
      1,,accepted,2026-03-03,Rita,liked the demo
      ,ana@acme.example,won,05/03/2026,Rita,
      2,,won,,,
      #9,,accepted,,,
      ,carl@nowhere.example,accepted,,,
      1,,contacted,,,
      ,bo@beta.example,maybe,,,
      """;

  static final String CRM_REJECTS = """
      starling: crm.csv:4: lead #2 is suggested; it cannot become won (allowed from suggested: accepted, rejected)
      starling: crm.csv:5: no lead #9
      starling: crm.csv:6: no lead about carl@nowhere.example
      starling: crm.csv:7: lead #1 is won; it cannot become contacted (allowed from won: none)
      starling: crm.csv:8: column 'status' must be one of accepted, contacted, won, lost, rejected (or aceptado, contactado, ganado, perdido, rechazado) but was 'maybe'
      """;

  static final String LEAD_1_AFTER_CRM = "id,week,rule_id,subject,who,status,owner,suggested_at\r\n"
      + "1,2026-W07,star-subscriber,subscriber,ana@acme.example,won,Rita,2026-03-02T08:00:00Z\r\n"
      + "\n"
      + "lead_id,at,from_status,to_status,by,reason,note\r\n"
      + "1,2026-03-02T08:00:00Z,,suggested,,,\r\n"
      + "1,2026-03-03T00:00:00Z,suggested,accepted,Rita,,liked the demo\r\n"
      + "1,2026-03-05T00:00:00Z,accepted,won,Rita,,\r\n";

  @Test
  void englishCsvRecordsGoodRowsAndRejectsTheRestWithFileAndLine() throws IOException {
    Path crm = Files.writeString(tmp.resolve("crm.csv"), CRM);
    assertEquals(new CliRunner.Run(0, "import_id,file,rows_read,recorded,already_recorded,rejected\r\n"
        + "3,crm.csv,7,2,0,5\r\n", CRM_REJECTS), at("2026-03-06T09:00:00Z", "lead", "import", crm.toString(), "--format", "csv"));
    assertEquals(new CliRunner.Run(0, LEAD_1_AFTER_CRM, ""), at("2026-03-06T09:00:00Z", "lead", "show", "1", "--format", "csv"));
    // The rejected rows stay visible, like any import's.
    assertEquals(new CliRunner.Run(0, "import_id,file,line,reason,raw\r\n"
        + "3,crm.csv,4,\"lead #2 is suggested; it cannot become won (allowed from suggested: accepted, rejected)\",\"2,,won,,,\"\r\n"
        + "3,crm.csv,5,no lead #9,\"#9,,accepted,,,\"\r\n"
        + "3,crm.csv,6,no lead about carl@nowhere.example,\",carl@nowhere.example,accepted,,,\"\r\n"
        + "3,crm.csv,7,lead #1 is won; it cannot become contacted (allowed from won: none),\"1,,contacted,,,\"\r\n"
        + "3,crm.csv,8,\"column 'status' must be one of accepted, contacted, won, lost, rejected (or aceptado, contactado,"
        + " ganado, perdido, rechazado) but was 'maybe'\",\",bo@beta.example,maybe,,,\"\r\n", ""), at("2026-03-06T09:00:00Z", "rejects", "3", "--format", "csv"));
  }

  @Test
  void importingTheSameFileAgainChangesNothingAndGivesTheSameRejections() throws IOException {
    Path crm = Files.writeString(tmp.resolve("crm.csv"), CRM);
    at("2026-03-06T09:00:00Z", "lead", "import", crm.toString());
    assertEquals(new CliRunner.Run(0, "import_id,file,rows_read,recorded,already_recorded,rejected\r\n"
        + "4,crm.csv,7,0,2,5\r\n", CRM_REJECTS), at("2026-03-07T09:00:00Z", "lead", "import", crm.toString(), "--format", "csv"));
    assertEquals(new CliRunner.Run(0, LEAD_1_AFTER_CRM, ""), at("2026-03-07T09:00:00Z", "lead", "show", "1", "--format", "csv"));
  }

  @Test
  void spanishExcelCsvInWindows1252WithSemicolons() throws IOException {
    Path crm = tmp.resolve("crm-es.csv");
    Files.write(crm, ("Nº Lead;Correo electrónico;Estado;Fecha;Comercial;Nota;Motivo\r\n"
        + ";BO@beta.example;Rechazado;03/03/2026;Paco;estudiante;No encaja\r\n"
        + "1;;Aceptado;03/03/2026;Rita;;\r\n"
        + "1;;Ganada;;Rita;;\r\n"
        + "2;;rechazada;;;;demasiado caro\r\n").getBytes(Charset.forName("windows-1252")));
    assertEquals(new CliRunner.Run(0, "import_id,file,rows_read,recorded,already_recorded,rejected\r\n"
        + "3,crm-es.csv,4,3,0,1\r\n", "starling: crm-es.csv:5: column 'Motivo' must be one of not a fit, already a customer,"
        + " wrong person, no budget, other (leads.rejection-reasons in starling.yaml) but was 'demasiado caro'\n"),
        at("2026-03-06T09:00:00Z", "lead", "import", crm.toString(), "--format", "csv"));
    assertEquals(new CliRunner.Run(0, "id,week,rule_id,subject,who,status,owner,suggested_at\r\n"
        + "2,2026-W07,rising-engagement,subscriber,bo@beta.example,rejected,Paco,2026-03-02T08:00:00Z\r\n"
        + "\n"
        + "lead_id,at,from_status,to_status,by,reason,note\r\n"
        + "2,2026-03-02T08:00:00Z,,suggested,,,\r\n"
        + "2,2026-03-03T00:00:00Z,suggested,rejected,Paco,not a fit,estudiante\r\n", ""),
        at("2026-03-06T09:00:00Z", "lead", "show", "2", "--format", "csv"));
    assertEquals("1,2026-03-06T09:00:00Z,accepted,won,Rita,,",
        at("2026-03-06T09:00:00Z", "lead", "show", "1", "--format", "csv").out().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void utf8WithBomAndASameDayDateTakesTheLatestStepsTime() throws IOException {
    Path crm = tmp.resolve("crm-bom.csv");
    try (OutputStream out = Files.newOutputStream(crm)) {
      out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      out.write("correo;estado;fecha\r\nana@acme.example;aceptado;02/03/2026\r\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(new CliRunner.Run(0, "import_id,file,rows_read,recorded,already_recorded,rejected\r\n"
        + "3,crm-bom.csv,1,1,0,0\r\n", ""), at("2026-03-06T09:00:00Z", "lead", "import", crm.toString(), "--format", "csv"));
    assertEquals("1,2026-03-02T08:00:00Z,suggested,accepted,,,",
        at("2026-03-06T09:00:00Z", "lead", "show", "1", "--format", "csv").out().lines().reduce((a, b) -> b).orElseThrow());
  }

  @Test
  void xlsxWrittenWithPoiWithADateCellAndAnExcelSerial() throws IOException {
    Path crm = tmp.resolve("crm.xlsx");
    try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(crm)) {
      XSSFSheet sheet = wb.createSheet("Leads");
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
      sheet.createRow(0).createCell(0).setCellValue("Outcomes exported from the CRM");
      Row h = sheet.createRow(2);
      String[] head = {"Lead ID", "Status", "Date", "Owner", "Note"};
      for (int i = 0; i < head.length; i++) {
        h.createCell(i).setCellValue(head[i]);
      }
      Row r1 = sheet.createRow(3);
      r1.createCell(0).setCellValue(1);
      r1.createCell(1).setCellValue("Accepted");
      r1.createCell(2).setCellValue(LocalDateTime.of(2026, 3, 3, 0, 0));
      r1.getCell(2).setCellStyle(date);
      r1.createCell(3).setCellValue("Rita");
      Row r2 = sheet.createRow(4);
      r2.createCell(0).setCellValue(1);
      r2.createCell(1).setCellValue("WON");
      r2.createCell(2).setCellValue("46086");
      r2.createCell(4).setCellValue("signed");
      Row r3 = sheet.createRow(5);
      r3.createCell(0).setCellValue(2);
      r3.createCell(1).setCellValue("lost");
      wb.write(out);
    }
    assertEquals(new CliRunner.Run(0, "import_id,file,rows_read,recorded,already_recorded,rejected\r\n"
        + "3,crm.xlsx,3,2,0,1\r\n", "starling: crm.xlsx:6: lead #2 is suggested; it cannot become lost (allowed from suggested:"
        + " accepted, rejected)\n"), at("2026-03-06T09:00:00Z", "lead", "import", crm.toString(), "--by", "Import bot", "--format", "csv"));
    assertEquals(new CliRunner.Run(0, "id,week,rule_id,subject,who,status,owner,suggested_at\r\n"
        + "1,2026-W07,star-subscriber,subscriber,ana@acme.example,won,Import bot,2026-03-02T08:00:00Z\r\n"
        + "\n"
        + "lead_id,at,from_status,to_status,by,reason,note\r\n"
        + "1,2026-03-02T08:00:00Z,,suggested,,,\r\n"
        + "1,2026-03-03T00:00:00Z,suggested,accepted,Rita,,\r\n"
        + "1,2026-03-05T00:00:00Z,accepted,won,Import bot,,signed\r\n", ""),
        at("2026-03-06T09:00:00Z", "lead", "show", "1", "--format", "csv"));
  }

  @Test
  void anEmailWithTwoLeadsThatCanTakeTheStepIsAmbiguousAndAnIdMustMatchTheEmail() throws IOException {
    Files.writeString(data.resolve("rules.yaml"), """
        version: 1
        rules:
          - id: star-subscriber
            title: Star subscriber
            applies_to: subscriber
            when: received >= 5 && open_ratio >= 0.9
            priority: 1
            reason: "opened {{ last_n_opened }} of the last {{ last_n }} newsletters"
            cooldown_days: 28
          - id: opener
            title: Opener
            applies_to: subscriber
            when: received >= 1
            priority: 3
            reason: "received {{ received }}"
            cooldown_days: 0
        """);
    Files.writeString(data.resolve("starling.yaml"), "rules:\n  file: rules.yaml\n");
    assertEquals("id,week,priority,rule_id,rule,subject,who,reason,status\r\n"
        + "1,2026-W07,1,star-subscriber,Star subscriber,subscriber,ana@acme.example,opened 6 of the last 6 newsletters,suggested\r\n"
        + "2,2026-W07,2,rising-engagement,rising-engagement,subscriber,bo@beta.example,open rate up 50 points; opened the last 5"
        + " newsletters in a row,suggested\r\n"
        + "3,2026-W07,3,opener,Opener,subscriber,ana@acme.example,received 6,suggested\r\n"
        + "4,2026-W07,3,opener,Opener,subscriber,bo@beta.example,received 6,suggested\r\n",
        at("2026-03-02T09:00:00Z", "leads", "--format", "csv").out());
    Path crm = Files.writeString(tmp.resolve("crm.csv"), """
        email,lead,status
        ana@acme.example,,accepted
        ana@acme.example,2,accepted
        ana@acme.example,3,accepted
        """);
    assertEquals(new CliRunner.Run(0, "import_id,file,rows_read,recorded,already_recorded,rejected\r\n"
        + "3,crm.csv,3,1,0,2\r\n", """
        starling: crm.csv:2: ana@acme.example has 2 leads that can become accepted (#1, #3): name the lead by its number
        starling: crm.csv:3: lead #2 is about bo@beta.example, not ana@acme.example
        """), at("2026-03-06T09:00:00Z", "lead", "import", crm.toString(), "--format", "csv"));
  }

  @Test
  void aFileWithoutAnOutcomeHeaderIsRefusedWholeAndRecordsNothing() throws IOException {
    Path crm = Files.writeString(tmp.resolve("people.csv"), "name,company\nAna,Acme\n");
    assertEquals(new CliRunner.Run(1, "", "starling: people.csv:1: no outcome header in the first 20 rows: it needs a status"
        + " column (status, estado) and a lead column (lead, lead id, id, nº lead) or an email column (email, correo, correo"
        + " electrónico) but the columns found were 'name', 'company'\n"), at("2026-03-06T09:00:00Z", "lead", "import", crm.toString()));
  }
}
