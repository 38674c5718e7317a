package dev.starling.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.starling.engine.features.Star;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders star subscribers as a table for people, CSV for spreadsheets, or JSON for programs. */
enum StarReport {
  TABLE {
    @Override
    void write(List<Star> stars, PrintWriter out) {
      if (stars.isEmpty()) {
        out.println("No star subscribers under these thresholds.");
        return;
      }
      int ew = Math.max(5, stars.stream().mapToInt(s -> s.email().length()).max().orElse(5));
      int nw = Math.max(4, stars.stream().mapToInt(s -> s.name().length()).max().orElse(4));
      int cw = Math.max(7, stars.stream().mapToInt(s -> company(s).length()).max().orElse(7));
      String fmt = "%-" + ew + "s  %-" + nw + "s  %-" + cw + "s  %8s  %6s  %6s  %7s  %6s  %-10s  %s%n";
      out.printf(fmt, "email", "name", "company", "opened", "ratio", "human", "machine", "clicks", "last human", "status");
      for (Star s : stars) {
        out.printf(fmt, s.email(), s.name(), company(s), s.opened() + "/" + s.received(),
            String.format(Locale.ROOT, "%.0f%%", s.ratio() * 100), s.humanOpens(), s.machineOpens(), s.humanClicks(),
            date(s.lastHumanAt()), s.status().code());
      }
    }
  },
  CSV {
    @Override
    void write(List<Star> stars, PrintWriter out) {
      CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
      w.writeRecord("email", "name", "company", "received", "opened", "ratio", "human_opens", "machine_opens",
          "human_clicks", "last_human_at", "status");
      for (Star s : stars) {
        w.writeRecord(s.email(), s.name(), company(s), Integer.toString(s.received()), Integer.toString(s.opened()),
            String.format(Locale.ROOT, "%.4f", s.ratio()), Integer.toString(s.humanOpens()),
            Integer.toString(s.machineOpens()), Integer.toString(s.humanClicks()), instant(s.lastHumanAt()), s.status().code());
      }
      try {
        w.flush();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  },
  JSON {
    @Override
    void write(List<Star> stars, PrintWriter out) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Star s : stars) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", s.email());
        m.put("name", s.name());
        m.put("company", s.company());
        m.put("received", s.received());
        m.put("opened", s.opened());
        m.put("ratio", Math.round(s.ratio() * 10_000) / 10_000.0);
        m.put("human_opens", s.humanOpens());
        m.put("machine_opens", s.machineOpens());
        m.put("human_clicks", s.humanClicks());
        m.put("last_human_at", s.lastHumanAt() == 0 ? null : instant(s.lastHumanAt()));
        m.put("status", s.status().code());
        rows.add(m);
      }
      try {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot write JSON", e);
      }
    }
  };

  abstract void write(List<Star> stars, PrintWriter out);

  private static String company(Star s) {
    return s.company() == null ? "" : s.company();
  }

  private static String date(long millis) {
    return millis == 0 ? "-" : Instant.ofEpochMilli(millis).toString().substring(0, 10);
  }

  private static String instant(long millis) {
    return millis == 0 ? "" : Instant.ofEpochMilli(millis).toString();
  }
}
