package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./starling} launcher, run by {@code sh} in a checkout of its own: the real script, with a
 * stand-in JDK 25 (its {@code java} writes down its working directory and arguments, and makes the file an
 * {@code -XX:AOTCacheOutput} names) and a stand-in {@code ./mvnw} (writes down its arguments, touches the jar),
 * so what it runs, with which flags, from where, and when it rebuilds, is checked without a real build.
 */
class LauncherTest {
  @TempDir Path checkout;
  @TempDir Path elsewhere;
  private Path jar;
  private Path log;

  @BeforeEach
  void aCheckoutWithABuiltJar() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the launcher is a POSIX shell script");
    Files.copy(Path.of("../starling"), checkout.resolve("starling"));
    log = checkout.resolve("calls.log");
    Path jdk = checkout.resolve("jdk");
    script(jdk.resolve("bin/java"), """
        #!/bin/sh
        { echo "java in $PWD"; for a in "$@"; do echo "  $a"; done; } >> "%s"
        for a in "$@"; do case $a in -XX:AOTCacheOutput=*) echo cache > "${a#-XX:AOTCacheOutput=}" ;; esac; done
        """.formatted(log));
    script(jdk.resolve("bin/javac"), "#!/bin/sh\n");
    Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
    script(checkout.resolve("mvnw"), """
        #!/bin/sh
        echo "mvnw $*" >> "%s"
        touch engine/target/starling.jar
        """.formatted(log));
    for (String pom : List.of("pom.xml", "engine/pom.xml", "connectors/pom.xml", "rules/pom.xml", "fixtures/pom.xml",
        "engine/src/main/java/Source.java")) {
      Files.createDirectories(checkout.resolve(pom).getParent());
      Files.writeString(checkout.resolve(pom), "");
      Files.setLastModifiedTime(checkout.resolve(pom), FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    }
    jar = checkout.resolve("engine/target/starling.jar");
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "jar");
    Files.writeString(checkout.resolve("engine/target/.starling-jdk"), jdk + " 25\n");
  }

  @Test
  void formatsRunsFromTheCallersDirectoryWithTheLightCacheC1AloneAndTheSerialCollector() throws Exception {
    assertEquals(0, run("formats"));
    String t = checkout + "/engine/target/";
    assertEquals(List.of(
        "java in " + elsewhere,
        "  --enable-native-access=ALL-UNNAMED", "  --sun-misc-unsafe-memory-access=allow", "  -XX:TieredStopAtLevel=1",
        "  -XX:+UseSerialGC", "  -XX:AOTCacheOutput=" + t + "starling-jdk25-light.aot." + pidOf(0), "  -Xlog:aot=off",
        "  -Xlog:cds=off", "  -jar", "  " + t + "starling.jar", "  formats", "  --data", "  " + trainingData(0),
        "java in " + elsewhere,
        "  --enable-native-access=ALL-UNNAMED", "  --sun-misc-unsafe-memory-access=allow", "  -XX:TieredStopAtLevel=1",
        "  -XX:+UseSerialGC", "  -XX:AOTCache=" + t + "starling-jdk25-light.aot", "  -Xlog:aot=off", "  -Xlog:cds=off",
        "  -Xmx256m", "  -jar", "  " + t + "starling.jar", "  formats"), calls());
  }

  @Test
  void aStoreCommandRunsWithTheFullCacheTrainedOnStarsAndLaterCompileThresholds() throws Exception {
    assertEquals(0, run("--data", "rel/dir", "stars", "--top", "3"));
    List<String> calls = calls();
    String t = checkout + "/engine/target/";
    List<String> last = calls.subList(calls.lastIndexOf("java in " + elsewhere), calls.size());
    assertEquals(List.of("java in " + elsewhere, "  --enable-native-access=ALL-UNNAMED", "  --sun-misc-unsafe-memory-access=allow",
        "  -XX:CompileThresholdScaling=10", "  -XX:AOTCache=" + t + "starling-jdk25.aot", "  -Xlog:aot=off", "  -Xlog:cds=off",
        "  -Xmx256m", "  -jar", "  " + t + "starling.jar", "  --data", "  rel/dir", "  stars", "  --top", "  3"), last);
    // made once: 'init' on an empty store, then 'stars' on it writing the cache
    assertEquals(List.of("  init", "  stars"), calls.stream().filter(l -> l.equals("  init") || l.equals("  stars")).toList().subList(0, 2));
    assertEquals(true, Files.isRegularFile(checkout.resolve("engine/target/starling-jdk25.aot")));
    calls.clear();
    Files.delete(log);
    assertEquals(0, run("stars"));
    assertEquals(1, calls().stream().filter(l -> l.startsWith("java in")).count()); // the cache is there now
  }

  @Test
  void anImportRunsWithItsOwnCacheTrainedOnImportingGeneratedFiles() throws Exception {
    assertEquals(0, run("import", "--data", "rel/dir", "events.csv"));
    List<String> calls = calls();
    String t = checkout + "/engine/target/";
    String train = calls.get(calls.indexOf("  generate") + 7).strip();
    assertEquals(List.of("  generate", "  --subscribers", "  3000", "  --campaigns", "  6", "  --seed", "  1", "  " + train),
        calls.subList(calls.indexOf("  generate"), calls.indexOf("  generate") + 8));
    String files = train.substring(0, train.length() - "files".length());
    int training = calls.indexOf("  -XX:AOTCacheOutput=" + t + "starling-jdk25-import.aot." + pidOf(0));
    assertEquals(List.of("  -XX:AOTCacheOutput=" + t + "starling-jdk25-import.aot." + pidOf(0), "  -Xlog:aot=off",
        "  -Xlog:cds=off", "  -jar", "  " + t + "starling.jar", "  import", "  --data", "  " + files + "data",
        "  " + train + "/subscribers.csv", "  " + train + "/campaigns.csv", "  " + train + "/events.csv"),
        calls.subList(training, training + 11));
    List<String> last = calls.subList(calls.lastIndexOf("java in " + elsewhere), calls.size());
    assertEquals(List.of("java in " + elsewhere, "  --enable-native-access=ALL-UNNAMED", "  --sun-misc-unsafe-memory-access=allow",
        "  -XX:CompileThresholdScaling=10", "  -XX:AOTCache=" + t + "starling-jdk25-import.aot", "  -Xlog:aot=off",
        "  -Xlog:cds=off", "  -Xmx256m", "  -jar", "  " + t + "starling.jar", "  import", "  --data", "  rel/dir",
        "  events.csv"), last);
    assertEquals(false, Files.exists(Path.of(train))); // the training files are gone
    assertEquals(false, Files.exists(checkout.resolve("engine/target/starling-jdk25.aot"))); // nor is the full cache made
  }

  @Test
  void aCommandThatCompilesTheRulesRunsWithItsOwnCacheTrainedOnLeadsAfterAnImportWithoutFeatures() throws Exception {
    assertEquals(0, run("--data", "rel/dir", "leads", "--format", "csv"));
    List<String> calls = calls();
    String t = checkout + "/engine/target/";
    String train = calls.get(calls.indexOf("  generate") + 7).strip();
    String files = train.substring(0, train.length() - "files".length());
    int load = calls.indexOf("  import");
    assertEquals(List.of("  import", "  --no-refresh", "  --data", "  " + files + "data", "  " + train + "/subscribers.csv",
        "  " + train + "/campaigns.csv", "  " + train + "/events.csv"), calls.subList(load, load + 7));
    int training = calls.indexOf("  -XX:AOTCacheOutput=" + t + "starling-jdk25-rules.aot." + pidOf(0));
    assertEquals(List.of("  -XX:AOTCacheOutput=" + t + "starling-jdk25-rules.aot." + pidOf(0), "  -Xlog:aot=off",
        "  -Xlog:cds=off", "  -jar", "  " + t + "starling.jar", "  leads", "  --data", "  " + files + "data"),
        calls.subList(training, training + 8));
    List<String> last = calls.subList(calls.lastIndexOf("java in " + elsewhere), calls.size());
    assertEquals(List.of("java in " + elsewhere, "  --enable-native-access=ALL-UNNAMED", "  --sun-misc-unsafe-memory-access=allow",
        "  -XX:CompileThresholdScaling=10", "  -XX:AOTCache=" + t + "starling-jdk25-rules.aot", "  -Xlog:aot=off",
        "  -Xlog:cds=off", "  -Xmx256m", "  -jar", "  " + t + "starling.jar", "  --data", "  rel/dir", "  leads", "  --format",
        "  csv"), last);
    assertEquals(false, Files.exists(Path.of(train))); // the training files are gone
    Files.delete(log);
    for (String command : List.of("explain", "rules", "digest")) {
      assertEquals(0, run(command, "x"));
    }
    assertEquals(List.of("  -XX:AOTCache=" + t + "starling-jdk25-rules.aot"), calls().stream()
        .filter(l -> l.startsWith("  -XX:AOTCache")).distinct().toList()); // made once, used by all four
  }

  @Test
  void aSourceNewerThanTheJarRebuildsOnceAndAStaleCacheIsMadeAgain() throws Exception {
    assertEquals(0, run("formats"));
    Files.delete(log);
    Files.writeString(checkout.resolve("engine/src/main/java/Source.java"), "edited");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    assertEquals(0, run("formats"));
    List<String> calls = calls();
    assertEquals("mvnw -q -B -DskipTests package", calls.get(0));
    assertEquals(2, calls.stream().filter(l -> l.startsWith("java in")).count()); // cache made again, then the command
    Files.delete(log);
    assertEquals(0, run("formats"));
    assertEquals(1, calls().stream().filter(l -> l.startsWith("java in")).count()); // nothing stale any more
  }

  private int run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", checkout.resolve("starling").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.remove("JAVA_HOME");
    env.put("JAVA_OPTS", "-Xmx256m");
    env.put("TMPDIR", elsewhere.toString());
    Process p = pb.start();
    p.getInputStream().readAllBytes();
    assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
    return p.exitValue();
  }

  private List<String> calls() throws IOException {
    return Files.exists(log) ? new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8)) : new ArrayList<>();
  }

  /** The n-th training run's temporary cache name ends in the launcher's pid, read back from the log. */
  private String pidOf(int n) throws IOException {
    String out = calls().stream().filter(l -> l.startsWith("  -XX:AOTCacheOutput=")).toList().get(n);
    return out.substring(out.lastIndexOf('.') + 1);
  }

  private String trainingData(int n) throws IOException {
    List<String> calls = calls();
    int data = 0;
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).equals("  --data") && data++ == n) {
        return calls.get(i + 1).strip();
      }
    }
    throw new AssertionError("no --data in " + calls);
  }

  private static void script(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
