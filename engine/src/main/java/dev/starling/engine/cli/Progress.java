package dev.starling.engine.cli;

import dev.starling.engine.ingest.ImportListener;
import java.io.PrintWriter;

/** A one-line progress display on a terminal ({@code \r}-redrawn); silent when stderr is not a terminal. */
final class Progress implements ImportListener {
  private final PrintWriter err;
  private final String label;
  private final boolean enabled;
  private long lastDraw;
  private boolean drawn;

  Progress(PrintWriter err, String label, boolean enabled) {
    this.err = err;
    this.label = label;
    this.enabled = enabled;
  }

  @Override
  public void progress(long bytesRead, long totalBytes, long rows) {
    if (!enabled) {
      return;
    }
    long now = System.nanoTime();
    if (drawn && now - lastDraw < 200_000_000L && bytesRead < totalBytes) {
      return;
    }
    lastDraw = now;
    drawn = true;
    int pct = totalBytes == 0 ? 100 : (int) Math.min(100, bytesRead * 100 / totalBytes);
    err.printf("\r%s: %3d%%  %,d rows", label, pct, rows);
    err.flush();
  }

  /** Says, on a line of its own, that the import waits for another one into the same store. */
  @Override
  public void waiting() {
    if (enabled && drawn) {
      err.print("\r\033[K");
    }
    err.println("starling: waiting for another import into this store to finish...");
    err.flush();
  }

  /** Shows the label alone, for work that reports no progress of its own. */
  void started() {
    if (enabled) {
      err.printf("\r%s...", label);
      err.flush();
      drawn = true;
    }
  }

  /** Clears the line before the summary is printed. */
  void done() {
    if (enabled && drawn) {
      err.print("\r\033[K");
      err.flush();
    }
  }
}
