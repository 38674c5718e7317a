package dev.starling.engine.cli;

import dev.starling.engine.app.Starling;
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

  private static String n(long v) {
    return String.format(java.util.Locale.ROOT, "%,d", v);
  }

  @Override
  public Integer call() {
    PrintWriter out = root.spec.commandLine().getOut();
    try (Starling s = Starling.open(root.dataDir(), root.context.clock())) {
      s.store().inTransaction(c -> {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
            "SELECT id, source, format, kind, finished_at, rows_read, imported, duplicates, rejected, new_subscribers, new_campaigns,"
                + " no_send_engagements, clicks_before_delivery, events_before_signup, untracked_sends FROM imports ORDER BY id")) {
          String fmt = "%4s  %-19s  %-26s  %-24s  %10s  %10s  %10s  %8s  %8s  %8s  %8s  %8s  %8s  %9s%n";
          out.printf(fmt, "#", "finished", "source", "format/kind", "rows", "imported", "duplicates", "rejected",
              "new subs", "unknown", "no send", "click<dl", "pre-join", "untracked");
          while (rs.next()) {
            out.printf(fmt, rs.getLong(1), Instant.ofEpochMilli(rs.getLong(5)).toString().substring(0, 19), rs.getString(2),
                rs.getString(3) + "/" + rs.getString(4), n(rs.getLong(6)), n(rs.getLong(7)), n(rs.getLong(8)),
                n(rs.getLong(9)), n(rs.getLong(10)), n(rs.getLong(11)), n(rs.getLong(12)), n(rs.getLong(13)),
                n(rs.getLong(14)), n(rs.getLong(15)));
          }
          out.println("unknown: campaigns first named by an event; no send: opens/clicks with no matching send;"
              + " click<dl: clicks before delivery; pre-join: events before the subscriber joined;"
              + " untracked: sends in campaigns with no opens or clicks");
        }
        return null;
      });
      out.flush();
    }
    return 0;
  }
}
