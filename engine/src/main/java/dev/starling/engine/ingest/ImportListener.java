package dev.starling.engine.ingest;

/** Hears an import's progress, for a progress line on a terminal, and that it waits for another import. */
@FunctionalInterface
public interface ImportListener {
  ImportListener NONE = (bytes, total, rows) -> {};

  /**
   * Called every few tens of thousands of rows and once at the end of reading.
   *
   * @param bytesRead bytes of the file read so far (compressed bytes for a .gz file)
   * @param totalBytes the file's size
   * @param rows rows read so far
   */
  void progress(long bytesRead, long totalBytes, long rows);

  /** Called once when the import has to wait for another import into the same store to finish. */
  default void waiting() {}
}
