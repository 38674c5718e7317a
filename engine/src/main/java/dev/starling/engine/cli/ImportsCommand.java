package dev.starling.engine.cli;

import dev.starling.engine.Starling;
import java.io.PrintWriter;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "imports", mixinStandardHelpOptions = true, description = "List past imports with their figures.")
final class ImportsCommand implements Callable<Integer> {
  @ParentCommand StarlingCommand root;

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      s.store().inTransaction(c -> {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT id, source, format, kind, finished_at, rows_read, imported, duplicates, rejected, new_subscribers, new_campaigns"
                + " FROM imports ORDER BY id")) {
          out.printf("%4s  %-20s  %-30s  %-14s  %10s  %10s  %10s  %8s  %8s  %8s%n",
              "#", "finished", "source", "format", "rows", "imported", "duplicates", "rejected", "new subs", "unknown campaigns");
          while (rs.next()) {
            out.printf("%4d  %-20s  %-30s  %-14s  %,10d  %,10d  %,10d  %,8d  %,8d  %,8d%n",
                rs.getLong(1), Instant.ofEpochMilli(rs.getLong(5)).toString().substring(0, 19), rs.getString(2),
                rs.getString(3) + "/" + rs.getString(4), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                rs.getLong(10), rs.getLong(11));
          }
        }
        return null;
      });
      out.flush();
    }
    return 0;
  }
}
