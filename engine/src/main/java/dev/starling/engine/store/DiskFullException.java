package dev.starling.engine.store;

import dev.starling.engine.error.StarlingException;

/**
 * The disk holding the store filled up during a write (SQLite's {@code SQLITE_FULL}, or "No space
 * left on device"): the transaction was rolled back. SQLite's own words ("database or disk is full",
 * or after the rollback "cannot commit - no transaction is active") say nothing a marketer can act on.
 */
public final class DiskFullException extends StarlingException {
  DiskFullException(java.nio.file.Path dataDir, Throwable cause) {
    super("the disk holding " + dataDir + " is full", cause);
  }
}
