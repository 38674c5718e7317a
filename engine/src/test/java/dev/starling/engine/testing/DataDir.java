package dev.starling.engine.testing;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The places and the clock of one test's fixture.
 *
 * @param root a fresh directory, deleted after the test; inputs may be written anywhere below it
 * @param data the Starling data directory ({@code root/data}), where the store lives
 * @param clock the fixed clock the test's {@code Starling} was opened with
 */
public record DataDir(Path root, Path data, Clock clock) {

  /** A path for an input file or directory below {@link #root()}, outside the data directory. */
  public Path input(String name) {
    return root.resolve(name);
  }
}
