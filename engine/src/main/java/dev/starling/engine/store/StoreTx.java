package dev.starling.engine.store;

import java.sql.Connection;

/**
 * One open transaction, and the way to the repositories inside it. A {@link Store.Work} receives it;
 * it is valid only until the work returns. Each repository is made once per transaction, so state it
 * keeps for a job (the id maps and queued rows of an import) lives exactly as long as the transaction.
 */
public final class StoreTx {
  private final Connection connection;
  private final Dialect dialect;
  private Subscribers subscribers;
  private Campaigns campaigns;
  private EventLog eventLog;
  private ImportLog importLog;
  private BounceLog bounceLog;
  private ForgottenAddresses forgotten;

  StoreTx(Connection connection, Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  /** For the repositories of this package only. */
  Connection connection() {
    return connection;
  }

  Dialect dialect() {
    return dialect;
  }

  public Subscribers subscribers() {
    if (subscribers == null) {
      subscribers = new Subscribers(connection, dialect);
    }
    return subscribers;
  }

  public Campaigns campaigns() {
    if (campaigns == null) {
      campaigns = new Campaigns(connection, dialect);
    }
    return campaigns;
  }

  public EventLog eventLog() {
    if (eventLog == null) {
      eventLog = new EventLog(connection, dialect);
    }
    return eventLog;
  }

  public BounceLog bounceLog() {
    if (bounceLog == null) {
      bounceLog = new BounceLog(connection, dialect);
    }
    return bounceLog;
  }

  /** The people erased on request, by the salted hash of their address (an import skips them). */
  public ForgottenAddresses forgotten() {
    if (forgotten == null) {
      forgotten = new ForgottenAddresses(connection);
    }
    return forgotten;
  }

  public ImportLog importLog() {
    if (importLog == null) {
      importLog = new ImportLog(connection, dialect);
    }
    return importLog;
  }
}
