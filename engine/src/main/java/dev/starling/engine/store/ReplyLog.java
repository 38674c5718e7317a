package dev.starling.engine.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The replies to the digest already read ({@code digest_replies}, by Message-ID): the memory that makes
 * reading the mailbox again harmless. A reply is remembered in the transaction that records its outcomes.
 */
public final class ReplyLog {
  private final Store store;

  public ReplyLog(Store store) {
    this.store = store;
  }

  /** Whether the message was read before (recorded or ignored). */
  public boolean seen(String messageId) {
    try (PreparedStatement ps = store.connection().prepareStatement("SELECT 1 FROM digest_replies WHERE message_id = ?")) {
      ps.setString(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot read the replies already read", e);
    }
  }

  /**
   * Remembers a message, inside the caller's transaction.
   *
   * @param importId the import holding its outcome lines, or {@code null} when it was ignored
   */
  public void remember(String messageId, String sender, long readAt, Long importId) {
    try (PreparedStatement ps = store.connection().prepareStatement(
        "INSERT INTO digest_replies (message_id, sender, read_at, import_id, verdict) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, messageId);
      ps.setString(2, sender);
      ps.setLong(3, readAt);
      if (importId == null) {
        ps.setNull(4, java.sql.Types.INTEGER);
      } else {
        ps.setLong(4, importId);
      }
      ps.setString(5, importId == null ? "ignored" : "read");
      ps.executeUpdate();
    } catch (SQLException e) {
      throw Queries.failed(store, "cannot remember the reply " + messageId, e);
    }
  }
}
