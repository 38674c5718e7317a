package dev.starling.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.starling.connectors.Format;
import dev.starling.engine.app.Starling;
import dev.starling.rules.RuleBook;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The walls between modules and packages, checked on the compiled classes so that they hold without
 * anyone remembering them. Each rule lists every offending dependency ({@code from.Class -> to.Class}),
 * so a failure says exactly what to move. Class files are read with a small constant-pool reader (the
 * JDK's class-file API is final only from Java 24; Starling builds for 21): a class depends on every
 * class its constant pool names, in class entries and in field, method and generic signatures.
 */
class ArchitectureTest {

  @Test
  void connectorsAndRulesNeverReachTheEngine() {
    Map<String, Set<String>> offenders = new TreeMap<>();
    offenders.putAll(dependencies(classesOf(Format.class), c -> true, d -> d.startsWith("dev.starling.engine.")));
    offenders.putAll(dependencies(classesOf(RuleBook.class), c -> true, d -> d.startsWith("dev.starling.engine.")));
    assertEquals(Map.of(), offenders);
  }

  @Test
  void onlyTheStorePackageUsesJavaSql() {
    assertEquals(Map.of(), dependencies(classesOf(Starling.class),
        c -> !c.startsWith("dev.starling.engine.store."), d -> d.startsWith("java.sql.")));
  }

  /**
   * Leaves: every package may use them, they use no other engine package. {@code error} so that any
   * layer can throw without a cycle; {@code report} so that a new writer of the result model (the
   * workbook, the digest, the web) never pulls in the store or the jobs.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"error", "report"})
  void aLeafPackageUsesNoOtherEnginePackage(String leaf) {
    String own = "dev.starling.engine." + leaf + ".";
    Map<String, byte[]> classes = classesOf(Starling.class);
    assertTrue(classes.keySet().stream().anyMatch(c -> c.startsWith(own)), "no class of " + own + " found");
    assertEquals(Map.of(), dependencies(classes, c -> c.startsWith(own),
        d -> d.startsWith("dev.starling.engine.") && !d.startsWith(own)));
  }

  /**
   * No cycle between the store and the packages whose values it reads and writes: {@code store} uses the
   * records and enums of {@code features} and {@code leads}, so those packages themselves (not their
   * sub-packages {@code features.replay} and {@code leads.finder}, the jobs that run against the store)
   * must not use {@code store}.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"features", "leads"})
  void aValuePackageDoesNotUseTheStore(String pkg) {
    String own = "dev.starling.engine." + pkg + ".";
    Predicate<String> inPackageItself = c -> c.startsWith(own) && c.indexOf('.', own.length()) < 0;
    Map<String, byte[]> classes = classesOf(Starling.class);
    assertTrue(classes.keySet().stream().anyMatch(inPackageItself), "no class of " + own + " found");
    assertEquals(Map.of(), dependencies(classes, inPackageItself, d -> d.startsWith("dev.starling.engine.store.")));
  }

  @Test
  void theReaderSeesEveryDependencyKind() {
    // Guards the rules above against a reader that finds nothing: Starling names Path in a method
    // signature, Config in a field, and StarlingException nowhere (a rule on it would pass vacuously).
    Set<String> deps = dependencies(classesOf(Starling.class), "dev.starling.engine.app.Starling"::equals, d -> true)
        .getOrDefault("dev.starling.engine.app.Starling", Set.of());
    assertTrue(deps.containsAll(Set.of("java.nio.file.Path", "java.time.Clock", "dev.starling.engine.store.Store")),
        deps::toString);
  }

  /**
   * For each class in {@code classes} whose name passes {@code from}, the classes it names that pass
   * {@code to}; classes with none are left out. Nested classes count as themselves.
   */
  static Map<String, Set<String>> dependencies(Map<String, byte[]> classes, Predicate<String> from, Predicate<String> to) {
    Map<String, Set<String>> out = new TreeMap<>();
    classes.forEach((name, bytes) -> {
      if (!from.test(name)) {
        return;
      }
      Set<String> hits = new TreeSet<>();
      for (String d : referencedClasses(bytes)) {
        if (to.test(d) && !d.equals(name)) {
          hits.add(d);
        }
      }
      if (!hits.isEmpty()) {
        out.put(name, hits);
      }
    });
    return out;
  }

  /** Every class file of the classes directory or jar {@code anchor} was loaded from, by binary name. */
  static Map<String, byte[]> classesOf(Class<?> anchor) {
    try {
      Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(root)) {
        return read(root);
      }
      try (FileSystem jar = FileSystems.newFileSystem(root)) {
        return read(jar.getPath("/"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, byte[]> read(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String rel = root.relativize(f).toString().replace('\\', '/');
        if (rel.startsWith("META-INF/") || rel.endsWith("module-info.class") || rel.endsWith("package-info.class")) {
          continue;
        }
        out.put(rel.substring(0, rel.length() - ".class".length()).replace('/', '.'), Files.readAllBytes(f));
      }
    }
    return out;
  }

  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\p{javaJavaIdentifierPart}/$]+)[;<]");

  /**
   * The classes one class file names: the targets of its class entries, and the types inside every
   * other UTF-8 entry that is not a string literal (descriptors and generic signatures).
   */
  static Set<String> referencedClasses(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile))) {
      if (in.readInt() != 0xCAFEBABE) {
        throw new IllegalArgumentException("not a class file");
      }
      in.readUnsignedShort(); // minor
      in.readUnsignedShort(); // major
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      List<Integer> classNames = new ArrayList<>();
      Set<Integer> literals = new HashSet<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF();
          case 7 -> classNames.add(in.readUnsignedShort());
          case 8 -> literals.add(in.readUnsignedShort());
          case 16, 19, 20 -> in.readUnsignedShort(); // MethodType, Module, Package
          case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); } // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, dynamic
          case 5, 6 -> { in.readLong(); i++; } // Long and Double take two slots
          default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
        }
      }
      Set<String> out = new TreeSet<>();
      Set<Integer> named = new HashSet<>(classNames);
      for (int idx : classNames) {
        String n = utf8[idx];
        if (n.startsWith("[")) {
          addDescriptorTypes(n, out);
        } else {
          out.add(n.replace('/', '.'));
        }
      }
      for (int i = 1; i < count; i++) {
        if (utf8[i] != null && !named.contains(i) && !literals.contains(i)) {
          addDescriptorTypes(utf8[i], out);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addDescriptorTypes(String s, Set<String> out) {
    if (s.indexOf('L') < 0) {
      return;
    }
    Matcher m = TYPE_IN_DESCRIPTOR.matcher(s);
    while (m.find()) {
      out.add(m.group(1).replace('/', '.'));
    }
  }

  /** A self-check of the reader on a class with no engine dependency at all. */
  @Test
  void aClassFileReadsBackItsOwnReferences() throws IOException {
    try (InputStream in = ArchitectureTest.class.getResourceAsStream("ArchitectureTest.class")) {
      Set<String> refs = referencedClasses(in.readAllBytes());
      assertTrue(refs.containsAll(Set.of("java.util.regex.Pattern", "org.junit.jupiter.api.Test",
          "dev.starling.connectors.Format", "java.io.DataInputStream")), refs::toString);
    }
  }
}
