package dev.starling.connectors;

/**
 * How much one source may cost to read, whatever its bytes say: a hostile or broken file is refused
 * with one line instead of filling the memory, the disk or the afternoon.
 *
 * @param maxMessageBytes a bounce mail message larger than this is rejected with its number and size,
 *     unread ({@code import.max-message-size})
 * @param maxExpansionRatio compressed input (gzip, the parts of a zip) may grow at most this many times
 *     once past {@link ExpansionGuard#GRACE_BYTES} ({@code import.max-expansion-ratio})
 * @param maxExpandedBytes compressed input may decompress to at most this many bytes
 *     ({@code import.max-expanded-size})
 */
public record ReadLimits(long maxMessageBytes, double maxExpansionRatio, long maxExpandedBytes) {
  /**
   * 50 MB per message (ten times what mail servers accept); 100x, POI's own zip-bomb ratio, which real
   * CSV and JSON exports stay far below (5-20x); 50 GB expanded, five times the largest export tried.
   */
  public static final ReadLimits DEFAULTS = new ReadLimits(50L << 20, 100, 50L << 30);

  public ReadLimits {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("max-message-size must be at least 1 byte but was " + maxMessageBytes);
    }
    if (!(maxExpansionRatio >= 1)) {
      throw new IllegalArgumentException("max-expansion-ratio must be at least 1 but was " + maxExpansionRatio);
    }
    if (maxExpandedBytes < 1) {
      throw new IllegalArgumentException("max-expanded-size must be at least 1 byte but was " + maxExpandedBytes);
    }
  }

  /** A byte count as people read it: {@code 512 bytes}, {@code 3.4 MB}, {@code 1.0 GB} (binary units). */
  public static String bytes(long n) {
    if (n < 1024) {
      return n + (n == 1 ? " byte" : " bytes");
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /**
   * Parses a size as written in starling.yaml: a whole number of bytes, or a number with KB, MB, GB
   * (binary: 1 MB = 1024 KB), e.g. {@code 50 MB}, {@code 2GB}, {@code 1.5 GB}.
   *
   * @throws NumberFormatException when the text is no such size
   */
  public static long parseBytes(String text) {
    String t = text.strip().toUpperCase(java.util.Locale.ROOT);
    long unit = 1;
    for (String[] u : new String[][] {{"KB", "10"}, {"MB", "20"}, {"GB", "30"}, {"TB", "40"}, {"B", "0"}}) {
      if (t.endsWith(u[0])) {
        unit = 1L << Integer.parseInt(u[1]);
        t = t.substring(0, t.length() - u[0].length()).strip();
        break;
      }
    }
    double v = Double.parseDouble(t);
    if (!(v >= 0) || v * unit > Long.MAX_VALUE || t.contains("E") || t.contains("N") || t.contains("I")) {
      throw new NumberFormatException(text);
    }
    return (long) (v * unit);
  }
}
