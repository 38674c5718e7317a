package dev.starling.engine.config;

import java.nio.file.Path;
import java.util.Map;

/** Which data directory a command uses: {@code --data}, else {@code STARLING_HOME}, else {@code ./starling-data}. */
public final class DataDirectory {
  public static final String ENV = "STARLING_HOME";
  public static final Path DEFAULT = Path.of("starling-data");

  private DataDirectory() {}

  public static Path resolve(Path flag, Map<String, String> env) {
    if (flag != null) {
      return flag;
    }
    String home = env.get(ENV);
    return home != null && !home.isBlank() ? Path.of(home) : DEFAULT;
  }
}
