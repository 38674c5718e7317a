package dev.starling.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The build step that makes picocli cacheable ({@code src/build/ClassFileUpgrade.java}, run on the jar by
 * the {@code classfile-upgrade} profile on JDK 24+), run as the build runs it on a copy of picocli's own jar:
 * every old class comes out at version 52, and every one of them passes the JVM's verifier with the frames it
 * was given (each is loaded and initialised in a class loader of its own).
 */
class ClassFileUpgradeTest {
  @Test
  void picocliComesOutAtVersion52AndEveryClassPassesTheVerifier(@TempDir Path tmp) throws Exception {
    assumeTrue(Runtime.version().feature() >= 24, "the ClassFile API the step uses is final from JDK 24 on");
    Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = Files.copy(original, tmp.resolve("picocli.jar"));
    Map<String, Integer> before = versions(jar);
    long old = before.values().stream().filter(v -> v < 50).count();

    String java = ProcessHandle.current().info().command().orElse("java");
    Process p = new ProcessBuilder(java, Path.of("src/build/ClassFileUpgrade.java").toString(), jar.toString(), "picocli/")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(true, p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertEquals("ClassFileUpgrade: " + old + " classes in picocli.jar now at version 52\n", output);

    Map<String, Integer> after = versions(jar);
    assertEquals(before.keySet(), after.keySet());
    List<String> notUpgraded = new ArrayList<>();
    after.forEach((name, v) -> {
      if (before.get(name) < 50 && v != 52 || before.get(name) >= 50 && !v.equals(before.get(name))) {
        notUpgraded.add(name + " " + before.get(name) + " -> " + v);
      }
    });
    assertEquals(List.of(), notUpgraded);

    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (String name : after.keySet()) {
        Class.forName(name.replace('/', '.').replaceAll("\\.class$", ""), true, loader); // links, so verifies
      }
    }
  }

  /** Class file major version of every class under picocli/ (multi-release overlays left out). */
  private static Map<String, Integer> versions(Path jar) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry e : Collections.list(zip.entries())) {
        if (e.getName().startsWith("picocli/") && e.getName().endsWith(".class")) {
          try (InputStream in = zip.getInputStream(e); DataInputStream data = new DataInputStream(in)) {
            data.readInt(); // magic
            data.readUnsignedShort(); // minor
            out.put(e.getName(), data.readUnsignedShort());
          }
        }
      }
    }
    return out;
  }
}
