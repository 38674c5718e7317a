package dev.starling.engine.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;

/** Every kill -9 left a 1.1 MB copy of SQLite's native library in the temp directory; now one cached copy is reused. */
class NativeLibraryTest {

  /** Run in a JVM of its own: opens a store in args[0] and is killed before it can clean up. */
  public static final class OpenAndHang {
    public static void main(String[] args) throws Exception {
      try (Store s = Store.create(Path.of(args[0]))) {
        System.out.println("open");
        System.out.flush();
        Thread.sleep(60_000);
      }
    }
  }

  private static void openAndKill(Path home, Path tmp, Path data) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Duser.home=" + home,
        "-Djava.io.tmpdir=" + tmp, "-cp", cp, OpenAndHang.class.getName(), data.toString());
    pb.environment().remove("XDG_CACHE_HOME");
    Process p = pb.redirectErrorStream(true).start();
    String first = new String(p.getInputStream().readNBytes(5), StandardCharsets.UTF_8);
    assertEquals("open\n".substring(0, first.length()), first, "the child did not open the store");
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no deleteOnExit
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void killedRunsLeftACopyInTheTempDirectoryEachAndNowReuseOneCachedCopy(@TempDir Path root) throws Exception {
    Path home = Files.createDirectories(root.resolve("home"));
    Path tmp = Files.createDirectories(root.resolve("tmp"));
    openAndKill(home, tmp, root.resolve("data"));
    openAndKill(home, tmp, root.resolve("data"));
    try (var left = Files.list(tmp)) {
      assertEquals(List.of(), left.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("sqlite-")).toList());
    }
    try (var cached = Files.list(home.resolve(".cache/starling"))) {
      List<String> names = cached.map(f -> f.getFileName().toString()).toList();
      assertEquals(1, names.size(), names.toString());
      assertTrue(names.get(0).matches("sqlite-[0-9a-f]{16}-libsqlitejdbc\\.(so|dylib|dll)"), names.get(0));
    }
  }

  @Test
  void cachedCopyIsWrittenOnceAndThenReused(@TempDir Path dir) throws Exception {
    Path first = NativeLibrary.cachedCopy(dir);
    long written = Files.getLastModifiedTime(first).toMillis();
    Files.setLastModifiedTime(first, java.nio.file.attribute.FileTime.fromMillis(written - 60_000));
    Path second = NativeLibrary.cachedCopy(dir);
    assertEquals(first, second);
    assertEquals(written - 60_000, Files.getLastModifiedTime(second).toMillis());
    try (var all = Files.list(dir)) {
      assertEquals(List.of(first), all.toList());
    }
  }

  @Test
  void theCopyIsNamedForTheDriverVersionThePlatformAndTheJdk(@TempDir Path dir) throws Exception {
    Path copy = NativeLibrary.cachedCopy(dir);
    assertEquals("sqlite-" + NativeLibrary.key(SQLiteJDBCLoader.getVersion(), System.getProperty("os.name"),
        System.getProperty("os.arch"), System.getProperty("java.home")) + "-" + System.mapLibraryName("sqlitejdbc"),
        copy.getFileName().toString());
    assertEquals("37e08217f1e62dca", NativeLibrary.key("3.54.1.0", "Linux", "amd64", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    assertEquals(4, Set.of(NativeLibrary.key("3.54.1.0", "Linux", "amd64", "/a"), NativeLibrary.key("3.54.1.1", "Linux", "amd64", "/a"),
        NativeLibrary.key("3.54.1.0", "Linux", "aarch64", "/a"), NativeLibrary.key("3.54.1.0", "Linux", "amd64", "/b")).size());
  }

  /** Finding the copy is one look at its name: the 1.1 MB in the jar are not read again (nor hashed) to compare. */
  @Test
  void aCopyFoundUnderItsNameIsTakenWithoutReadingTheJar(@TempDir Path dir) throws Exception {
    Path copy = NativeLibrary.cachedCopy(dir);
    Files.writeString(copy, "stand-in");
    assertEquals(copy, NativeLibrary.cachedCopy(dir));
    assertEquals("stand-in", Files.readString(copy));
  }
}
