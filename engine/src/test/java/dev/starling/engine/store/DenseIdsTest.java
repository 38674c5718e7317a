package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The id map is read from a real SQLite file as a few long texts, one line per row: gaps in the ids, blocks
 * of ids, and keys holding the separators (a tab, a line break) must give the map a row-by-row read gives.
 */
class DenseIdsTest {
  @TempDir Path tmp;

  @Test
  void readsEveryKeyAcrossGapsAndBlocksAndFallsBackToRowsWhenAKeyHoldsALineBreak() throws Exception {
    try (Store store = Store.create(tmp)) {
      store.withConnection(c -> {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaigns (id, code) VALUES (?, ?)")) {
          for (int id : new int[] {1, 2, 7, 65_535, 65_536, 200_001}) {
            ps.setInt(1, id);
            ps.setString(2, "nl-" + id);
            ps.executeUpdate();
          }
        }
        DenseIds plain = new DenseIds(c, "campaigns", "code");
        assertEquals(65_536, plain.idOf("nl-65536"), "the first id of the second block");
        assertEquals(65_535, plain.idOf("nl-65535"));
        assertEquals(200_001, plain.idOf("nl-200001"), "after an empty block");
        assertEquals(0, plain.idOf("nl-3"), "a gap");
        assertEquals(200_002, plain.assign("nl-new"), "a new key takes the next id above the largest");

        try (PreparedStatement ps = c.prepareStatement("INSERT INTO campaigns (id, code) VALUES (?, ?)")) {
          ps.setInt(1, 8);
          ps.setString(2, "tab\there");
          ps.executeUpdate();
          ps.setInt(1, 9);
          ps.setString(2, "two\n10\tlines");
          ps.executeUpdate();
        }
        DenseIds odd = new DenseIds(c, "campaigns", "code");
        assertEquals(9, odd.idOf("two\n10\tlines"), "a key with a line break: read row by row");
        assertEquals(8, odd.idOf("tab\there"));
        assertEquals(0, odd.idOf("lines"));
        assertEquals(7, odd.idOf("nl-7"));
        assertEquals(200_002, odd.assign("nl-newer"));
        return null;
      });
    }
  }
}
