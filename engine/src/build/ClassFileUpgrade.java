import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Build step (run by the JDK's source launcher, JDK 24+: {@code java ClassFileUpgrade.java JAR PREFIX...}):
 * rewrites, inside {@code JAR}, every class under the given package prefixes whose class file version is
 * below 50 (Java 6) as version 52 (Java 8), with the stack map frames such a version must carry.
 *
 * <p>Why: the JDK's ahead-of-time cache (JDK 24+, used by {@code ./starling}) cannot hold a class older than
 * version 50 once it has been linked, because those are checked by the old verifier, whose results cannot be
 * recorded. picocli ships as Java 5 class files, so every command loaded, parsed and verified its 175 classes
 * afresh: 50 ms of the main thread's CPU in {@code starling formats}. The code itself is unchanged: each
 * method body is read and written back as it is, which makes the ClassFile API compute the frames.
 *
 * <p>The jar is changed in place, through the zip file system, so the other entries are not recompressed.
 * Prints how many classes it rewrote; exits 1 on any failure (a class whose frames cannot be computed).
 */
public final class ClassFileUpgrade {
  private static final int FIRST_WITH_FRAMES = 50;
  private static final int TARGET = 52;

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: java ClassFileUpgrade.java JAR PACKAGE-PREFIX...   (e.g. target/app.jar picocli/)");
      System.exit(2);
    }
    Path jar = Path.of(args[0]).toAbsolutePath();
    List<String> prefixes = Arrays.asList(args).subList(1, args.length);
    int upgraded;
    // The frames name the common superclass of two types, so the classes of the jar itself must be readable.
    try (URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        FileSystem zip = FileSystems.newFileSystem(jar, Map.of())) {
      ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
          ClassHierarchyResolver.defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
      List<Path> candidates = new ArrayList<>();
      for (String prefix : prefixes) {
        Path dir = zip.getPath("/" + prefix);
        if (Files.isDirectory(dir)) {
          try (Stream<Path> all = Files.walk(dir)) {
            all.filter(p -> p.toString().endsWith(".class")).forEach(candidates::add);
          }
        }
      }
      upgraded = 0;
      for (Path p : candidates) {
        byte[] bytes = Files.readAllBytes(p);
        ClassModel model = cf.parse(bytes);
        if (model.majorVersion() >= FIRST_WITH_FRAMES) {
          continue;
        }
        byte[] out = cf.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
            .andThen(ClassTransform.endHandler(b -> b.withVersion(TARGET, 0))));
        Files.write(p, out);
        upgraded++;
      }
    }
    System.out.println("ClassFileUpgrade: " + upgraded + " classes in " + jar.getFileName() + " now at version " + TARGET);
  }
}
