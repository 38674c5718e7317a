package dev.starling.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where the SQLite driver's native library is loaded from. Left alone, sqlite-jdbc copies its 1.1 MB
 * library into the temp directory under a new random name on every start and deletes it at a clean
 * exit, so each {@code kill -9} (a stopped {@code serve}, a killed import) leaves one copy behind for
 * good. Instead the library is copied once per user and driver build to
 * {@code $XDG_CACHE_HOME/starling/} (else {@code ~/.cache/starling/}), named by its content hash, and
 * the driver is pointed at it ({@code org.sqlite.lib.path}/{@code org.sqlite.lib.name}): every run
 * reuses that one file. If the cache cannot be written, or the user set {@code org.sqlite.lib.path}
 * themselves, the driver's own behaviour stays.
 */
final class NativeLibrary {
  private static volatile boolean done;

  private NativeLibrary() {}

  /** Points the driver at the cached copy; once per process, before the first connection. */
  static synchronized void useCachedCopy() {
    if (done) {
      return;
    }
    done = true;
    if (System.getProperty("org.sqlite.lib.path") != null) {
      return;
    }
    try {
      Path lib = cachedCopy(cacheDir());
      if (lib != null) {
        System.setProperty("org.sqlite.lib.path", lib.getParent().toString());
        System.setProperty("org.sqlite.lib.name", lib.getFileName().toString());
      }
    } catch (IOException | RuntimeException e) {
      // the driver extracts to the temp directory as before
    }
  }

  /** {@code $XDG_CACHE_HOME/starling}, else {@code ~/.cache/starling}. */
  static Path cacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("starling");
  }

  /**
   * The driver's library for this platform copied into {@code dir} as {@code sqlite-<hash>-<name>}, written
   * only when no such file is there yet (through a temporary name and a rename, so a concurrent start
   * never loads a half-written file); {@code null} when the driver has no library for this platform.
   */
  static Path cachedCopy(Path dir) throws IOException {
    String name = LibraryLoaderUtil.getNativeLibName();
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    byte[] bytes;
    try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      bytes = in.readAllBytes();
    }
    Path target = dir.resolve("sqlite-" + sha256(bytes).substring(0, 16) + "-" + name);
    if (Files.isRegularFile(target) && Files.size(target) == bytes.length) {
      return target;
    }
    Files.createDirectories(dir);
    Path part = Files.createTempFile(dir, "sqlite-", ".part");
    try {
      Files.write(part, bytes);
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(part);
    }
    return target;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
