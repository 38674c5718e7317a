package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migration 009 carries the bounces a store kept only as a per-message flag into the bounce log. */
class BounceMigrationTest {
  @TempDir Path tmp;

  @Test
  void bouncesStoredAsFlagsBeforeTheBounceLogAreCarriedOverWithTheirClassAndTime() throws Exception {
    Path file = tmp.resolve(Store.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      for (String stmt : Store.statements(resource("001-initial.sql"))) {
        s.executeUpdate(stmt);
      }
      s.executeUpdate("PRAGMA user_version = 1");
      s.executeUpdate("INSERT INTO subscribers (id, email, domain, on_list) VALUES (1, 'ana@acme.example', 'acme.example', 1),"
          + " (2, 'bo@beta.example', 'beta.example', 1)");
      s.executeUpdate("INSERT INTO campaigns (id, code, placeholder) VALUES (1, 'nl-1', 0)");
      s.executeUpdate("INSERT INTO messages (campaign_id, subscriber_id, sent_at, bounced_at, bounce) VALUES"
          + " (1, 1, 1000, 2000, 2), (1, 2, 1000, 3000, 1)");
    }
    try (Store store = Store.open(tmp)) {
      assertEquals(List.of("1|-1|1|2000|2|earlier", "2|-1|1|3000|1|earlier"), store.readWithConnection(c -> {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "SELECT subscriber_id, dedupe, campaign_id, at, class, source FROM bounces ORDER BY subscriber_id")) {
          while (rs.next()) {
            out.add(rs.getInt(1) + "|" + rs.getLong(2) + "|" + rs.getInt(3) + "|" + rs.getLong(4) + "|" + rs.getInt(5)
                + "|" + rs.getString(6));
          }
        }
        return out;
      }));
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = Store.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
