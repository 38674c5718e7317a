package dev.starling.engine.ingest;

/** Hears an import's progress, for a progress line on a terminal. */
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
}
