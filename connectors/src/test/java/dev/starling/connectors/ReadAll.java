package dev.starling.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Test support: drains readers and opens the sample files under {@code samples/}. */
public final class ReadAll {
  private ReadAll() {}

  public static List<ReadResult> of(FactReader reader) throws IOException {
    List<ReadResult> out = new ArrayList<>();
    try (reader) {
      for (ReadResult r = reader.next(); r != null; r = reader.next()) {
        out.add(r);
      }
    }
    return out;
  }

  public static List<ReadResult> sample(Format format, String path) throws IOException {
    return of(format.open(resource(path), path.substring(path.lastIndexOf('/') + 1)));
  }

  public static InputStream resource(String path) {
    InputStream in = ReadAll.class.getResourceAsStream("/samples/" + path);
    if (in == null) {
      throw new UncheckedIOException(new IOException("no test resource samples/" + path));
    }
    return in;
  }

  public static byte[] bytes(String path) {
    try (InputStream in = resource(path)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first 8 KB of a sample, as Format.detect gets it. */
  public static byte[] head(String path) {
    byte[] all = bytes(path);
    return java.util.Arrays.copyOf(all, Math.min(all.length, 8192));
  }

  public static long millis(String iso) {
    return Instant.parse(iso).toEpochMilli();
  }
}
