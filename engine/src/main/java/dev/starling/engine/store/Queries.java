package dev.starling.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The few lines every repository repeats: one-value queries, and the error that names the store file. */
final class Queries {
  private Queries() {}

  /** The first column of the first row of a query without parameters, as a long (0 when NULL). */
  static long longValue(Store store, String sql) {
    try (PreparedStatement ps = store.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw failed(store, "cannot read the store", e);
    }
  }

  static StoreException failed(Store store, String what, SQLException e) {
    return new StoreException("store " + store.file() + ": " + what + ": " + e.getMessage(), e);
  }
}
