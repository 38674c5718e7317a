package dev.starling.connectors.json;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads sample files and inline text through a format's reader, for the provider tests. */
public final class Samples {

  private Samples() {}

  /** Every result of {@code samples/<path>} read as {@code format}. */
  public static List<ReadResult> read(Format format, String path) {
    InputStream in = Samples.class.getResourceAsStream("/samples/" + path);
    if (in == null) {
      throw new IllegalArgumentException("no test resource /samples/" + path);
    }
    return readAll(format, in, fileName(path));
  }

  /** Every result of {@code text} read as {@code format}, with source name {@code "inline"}. */
  public static List<ReadResult> readText(Format format, String text) {
    return readAll(format, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "inline");
  }

  /** The first 8 KB of a sample, as {@link Format#detect} sees it. */
  public static byte[] head(String path) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + path)) {
      return in.readNBytes(8192);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The raw text of result {@code i} when it is a rejection, so tests need not repeat whole records. */
  public static String raw(List<ReadResult> got, int i) {
    return i < got.size() && got.get(i) instanceof dev.starling.connectors.Rejection r ? r.raw() : "";
  }

  private static List<ReadResult> readAll(Format format, InputStream in, String source) {
    List<ReadResult> out = new ArrayList<>();
    try (FactReader r = format.open(in, source)) {
      ReadResult x;
      while ((x = r.next()) != null) {
        out.add(x);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String fileName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
