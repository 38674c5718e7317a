package dev.starling.engine.cli;

import dev.starling.engine.app.ImportTable;
import dev.starling.engine.app.Starling;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "imports", mixinStandardHelpOptions = true, description = "List past imports with their figures.")
final class ImportsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      // The read stays here until the store offers an import log (the store's own work); the table is ImportTable's.
      List<Object[]> rows = s.store().inTransaction(c -> {
        List<Object[]> read = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT id, finished_at, source, format, kind, rows_read, imported, duplicates, rejected, new_subscribers, new_campaigns,"
                + " no_send_engagements, clicks_before_delivery, events_before_signup, untracked_sends FROM imports ORDER BY id")) {
          while (rs.next()) {
            Object[] row = new Object[ImportTable.COLUMNS.size()];
            row[0] = rs.getLong(1);
            row[1] = Instant.ofEpochMilli(rs.getLong(2));
            row[2] = rs.getString(3);
            row[3] = rs.getString(4);
            row[4] = rs.getString(5);
            for (int i = 5; i < row.length; i++) {
              row[i] = rs.getLong(i + 1);
            }
            read.add(row);
          }
        }
        return read;
      });
      output.print(ImportTable.of(rows), out, root.context, s.config().output());
      if (output.forPeople()) {
        output.note(rows.isEmpty() ? "No imports yet." : ImportTable.LEGEND, out, root.context, s.config().output());
      }
      out.flush();
    }
    return 0;
  }
}
