package dev.starling.engine.cache;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The caches' figures summed over the processes that used this data directory: each process adds its hits,
 * misses and evictions when it closes (and records its last size), in {@code cache-stats.properties}. A CLI
 * command lives for one query, so its own counters alone would always read zero in {@code starling stats}.
 */
public final class CacheCounters {
  public static final String FILE = "cache-stats.properties";

  private CacheCounters() {}

  /** The summed figures of {@code dataDir}, zeros when nothing was recorded yet. */
  public static Map<Caches.Name, Caches.Figures> read(Path dataDir) {
    Properties p = load(dataDir.resolve(FILE));
    Map<Caches.Name, Caches.Figures> out = new LinkedHashMap<>();
    for (Caches.Name n : Caches.Name.values()) {
      out.put(n, new Caches.Figures(num(p, n, "size"), n.maximumSize, num(p, n, "hits"), num(p, n, "misses"),
          num(p, n, "evictions")));
    }
    return out;
  }

  /**
   * Adds {@code figures} (one process's) to the file; processes closing at once take turns (a file lock).
   * Skipped when nothing was asked of the caches, or the directory is not writable.
   */
  public static void add(Path dataDir, Map<Caches.Name, Caches.Figures> figures) {
    boolean used = figures.values().stream().anyMatch(f -> f.hits() + f.misses() > 0);
    if (!used || !Files.isWritable(dataDir)) {
      return;
    }
    Path file = dataDir.resolve(FILE);
    try (FileChannel lockFile = FileChannel.open(dataDir.resolve(FILE + ".lock"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
      Map<Caches.Name, Caches.Figures> sum = read(dataDir);
      Properties p = new Properties();
      for (Caches.Name n : Caches.Name.values()) {
        Caches.Figures f = sum.get(n).plus(figures.get(n));
        p.setProperty(n.code() + ".size", String.valueOf(f.size()));
        p.setProperty(n.code() + ".hits", String.valueOf(f.hits()));
        p.setProperty(n.code() + ".misses", String.valueOf(f.misses()));
        p.setProperty(n.code() + ".evictions", String.valueOf(f.evictions()));
      }
      Path tmp = dataDir.resolve(FILE + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "Starling cache figures, summed over processes (starling stats)");
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the cache figures in " + file, e);
    }
  }

  private static Properties load(Path file) {
    Properties p = new Properties();
    if (Files.isRegularFile(file)) {
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the cache figures in " + file, e);
      }
    }
    return p;
  }

  private static long num(Properties p, Caches.Name n, String what) {
    try {
      return Long.parseLong(p.getProperty(n.code() + "." + what, "0").strip());
    } catch (NumberFormatException e) {
      return 0; // a hand-edited file: the figures are informational, start again from zero
    }
  }
}
