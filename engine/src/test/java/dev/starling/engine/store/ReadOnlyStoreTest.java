package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.connectors.Subscriber;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store whose file or directory may not be written is still readable; writes are refused by name. */
class ReadOnlyStoreTest {
  @TempDir Path tmp;

  @Test
  void aReadOnlyStoreIsReadableAndRefusesWritesWithAClearMessage() {
    Path dir = tmp.resolve("shared data"); // a space: the read-only URI must encode the path
    try (Store store = Store.create(dir)) {
      store.inTransaction(tx -> {
        tx.subscribers().upsert(new Subscriber("Ana@Acme.example", "Ana", null, "Acme", null, null, List.of(), null));
        tx.subscribers().flush();
        return null;
      });
    }
    try (Store store = Store.open(dir, true)) {
      assertTrue(store.readOnly());
      assertFalse(store.writableNow());
      assertEquals(List.of("ana@acme.example Acme"), StoreProbe.rows(store, "SELECT email, company FROM subscribers"));
      StoreException e = assertThrows(StoreException.class, () -> store.inTransaction(tx -> null));
      assertEquals("the store " + dir.resolve(Store.FILE_NAME)
          + " is read-only (the file or its directory is not writable)", e.getMessage());
    }
  }
}
