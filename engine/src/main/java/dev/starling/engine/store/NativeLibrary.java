package dev.starling.engine.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Where the SQLite driver's native library is loaded from. Left alone, sqlite-jdbc copies its 1.1 MB
 * library into the temp directory under a new random name on every start and deletes it at a clean
 * exit, so each {@code kill -9} (a stopped {@code serve}, a killed import) leaves one copy behind for
 * good. Instead the library is copied once per user, driver version and JDK to
 * {@code $XDG_CACHE_HOME/starling/} (else {@code ~/.cache/starling/}), and the driver is pointed at it
 * ({@code org.sqlite.lib.path}/{@code org.sqlite.lib.name}): every run reuses that one file. If the cache
 * cannot be written, or the user set {@code org.sqlite.lib.path} themselves, the driver's own behaviour
 * stays.
 *
 * <p>The copy is named by what decides which library the driver picks, read from system properties
 * ({@link #key}), not by its content: finding it is then one file check. Naming it by a hash of its bytes
 * meant reading the 1.1 MB out of the jar and hashing it on every start, and asking the driver for its
 * platform folder, which starts {@code uname} (it looks for Android) and lists {@code /proc/self/map_files}
 * (musl): together 50 to 80 ms of a 0.6 s {@code stars}. Only a first start pays that now. The JDK stands
 * in for the C library (a musl JDK is a JDK of its own); a copy that does not fit after all fails to load,
 * and the driver then extracts its own as before.
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
   * The driver's library for this platform copied into {@code dir} as {@code sqlite-<key>-<name>}, written
   * only when no such file is there yet (through a temporary name and a rename, so a concurrent start
   * never loads a half-written file); {@code null} when the driver has no library for this platform.
   */
  static Path cachedCopy(Path dir) throws IOException {
    String name = LibraryLoaderUtil.getNativeLibName();
    Path target = dir.resolve("sqlite-" + key(SQLiteJDBCLoader.getVersion(), System.getProperty("os.name"),
        System.getProperty("os.arch"), System.getProperty("java.home")) + "-" + name);
    if (Files.isRegularFile(target) && Files.size(target) > 0) {
      return target;
    }
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
    byte[] bytes;
    try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      bytes = in.readAllBytes();
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

  /**
   * 16 hex digits naming one driver version's library for one platform and JDK: the CRC-32 and the CRC-32C
   * of the four values. Not a {@code MessageDigest}: its first use loads the JDK's security providers,
   * which took 85 ms of a fresh JVM; a name among a handful of files needs no cryptographic hash.
   */
  static String key(String driverVersion, String osName, String osArch, String javaHome) {
    byte[] text = String.join("\n", driverVersion, osName, osArch, javaHome).getBytes(StandardCharsets.UTF_8);
    Checksum a = new CRC32();
    Checksum b = new CRC32C();
    a.update(text);
    b.update(text);
    return HexFormat.of().toHexDigits((int) a.getValue()) + HexFormat.of().toHexDigits((int) b.getValue());
  }
}
