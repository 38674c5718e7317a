package dev.starling.engine.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.starling.connectors.Rejection;
import dev.starling.engine.app.Starling;
import dev.starling.engine.testing.DataDir;
import dev.starling.engine.testing.DataDirExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bugs found by testing, end to end on a real store: one stray quote in an events CSV made the rows
 * after it vanish while the import said "ok" and recorded the file, so a re-run said "nothing
 * changed". A recoverable error now costs one rejected line; an unrecoverable one refuses the file,
 * leaves the store as it was and does not record the file, so a re-run fails the same way.
 */
@ExtendWith(DataDirExtension.class)
class ImportIntegrityTest {

  private static final String UA = "\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)\"";

  @Test
  void aStrayQuoteInAnEventsCsvSilentlyDroppedTheRowsAfterIt(Starling starling, DataDir dir) throws IOException {
    StringBuilder csv = new StringBuilder("type,email,campaign_id,at,user_agent,ip\n");
    for (int i = 0; i < 1000; i++) {
      String at = java.time.Instant.parse("2026-01-06T10:00:00Z").plusSeconds(i).toString();
      if (i == 499) {
        csv.append("open,p499@example.com,nl-001,").append(at).append(",\"Mozilla/5.0 (Windows NT 10.0; Win64,81.2.69.160\n");
      } else {
        csv.append("open,p").append(i).append("@example.com,nl-001,").append(at).append(',').append(UA).append(",81.2.69.160\n");
      }
    }
    Path events = Files.writeString(dir.input("events.csv"), csv);

    ImportSummary sum = starling.importFile(events, null, ImportListener.NONE);

    assertEquals(List.of(1000L, 999L, 1L), List.of(sum.rowsRead(), sum.imported(), sum.rejected()));
    assertEquals(List.of(new Rejection("events.csv", 501,
            "has a quote opened in field 5 and not closed on this line (a stray quote? an event is one line)",
            "open,p499@example.com,nl-001,2026-01-06T10:08:19Z,\"Mozilla/5.0 (Windows NT 10.0; Win64,81.2.69.160")),
        sum.firstRejections());
    assertEquals(999L, ImporterTest.counts(starling).get("events"));
  }

  @Test
  void anUnterminatedQuoteInAListWasImportedUpToTheQuoteAndRecordedAsDone(Starling starling, DataDir dir)
      throws IOException {
    starling.importFile(Files.writeString(dir.input("first.csv"), "email,first_name\nzoe@acme.example,Zoe\n"), null,
        ImportListener.NONE);
    Map<String, Long> before = ImporterTest.counts(starling);
    Path list = Files.writeString(dir.input("list.csv"), "email,first_name,company\nana@acme.example,Ana,Acme\n"
        + "bo@acme.example,Bo,\"Acme, Inc\ncy@acme.example,Cy,Acme\ndi@acme.example,Di,Acme\n");

    ImportException e = assertThrows(ImportException.class, () -> starling.importFile(list, null, ImportListener.NONE));

    assertEquals(list + ":3: a quote opened in field 3 is never closed (a stray quote?): the rest of the file "
        + "cannot be read as rows; nothing of the file was imported", e.getMessage());
    assertEquals(before, ImporterTest.counts(starling));
    ImportException again = assertThrows(ImportException.class, () -> starling.importFile(list, null, ImportListener.NONE));
    assertEquals(e.getMessage(), again.getMessage());
  }
}
