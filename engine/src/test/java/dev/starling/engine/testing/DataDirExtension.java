package dev.starling.engine.testing;

import dev.starling.engine.app.Starling;
import dev.starling.engine.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves test method parameters of type {@link DataDir}, {@link Clock}, {@link Starling} and
 * {@link Store} from one fixture per test: a fresh temporary directory, a clock fixed at the test's
 * {@link FixedClock}, and a Starling opened on {@code data/} below it (its store is the {@code Store}).
 * Everything is made on first use, so a test that asks only for a {@code DataDir} creates no store, and
 * closed after the test (the Starling before the directory is deleted), whether it passed or not.
 */
public final class DataDirExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DataDirExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext ctx) {
    Class<?> t = p.getParameter().getType();
    return t == DataDir.class || t == Clock.class || t == Starling.class || t == Store.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext ctx) {
    Class<?> t = p.getParameter().getType();
    ExtensionContext.Store store = ctx.getStore(NS);
    Fixture f = store.computeIfAbsent(Fixture.class, k -> new Fixture(clockOf(ctx)), Fixture.class);
    if (t == DataDir.class) {
      return f.dir;
    }
    if (t == Clock.class) {
      return f.dir.clock();
    }
    Starling s = f.starling();
    return t == Starling.class ? s : s.store();
  }

  private static Clock clockOf(ExtensionContext ctx) {
    FixedClock at = ctx.getTestMethod().map(m -> m.getAnnotation(FixedClock.class))
        .or(() -> ctx.getTestClass().map(c -> c.getAnnotation(FixedClock.class)))
        .orElse(null);
    String instant = at == null ? FixedClock.DEFAULT : at.value();
    try {
      return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    } catch (java.time.format.DateTimeParseException e) {
      throw new ParameterResolutionException("@FixedClock must be an ISO-8601 instant but was '" + instant + "'", e);
    }
  }

  /** One test's directory and its lazily opened Starling; JUnit closes it when the test's context ends. */
  private static final class Fixture implements AutoCloseable {
    final DataDir dir;
    private Starling starling;

    Fixture(Clock clock) {
      try {
        Path root = Files.createTempDirectory("starling-test-");
        dir = new DataDir(root, root.resolve("data"), clock);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Starling starling() {
      if (starling == null) {
        starling = Starling.create(dir.data(), dir.clock());
      }
      return starling;
    }

    @Override
    public void close() throws IOException {
      try {
        if (starling != null) {
          starling.close();
        }
      } finally {
        try (Stream<Path> all = Files.walk(dir.root())) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
