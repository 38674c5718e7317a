package dev.starling.engine.ingest;

import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.csv.CanonicalColumns;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * One file on its way in: its size and SHA-256 (taken before reading, to skip a file imported
 * before), and its rows through the right reader, gunzipped on the fly when the bytes say gzip, the
 * format detected from the first bytes unless named. Counts the bytes read, for progress.
 */
final class ImportSource implements AutoCloseable {
  private final Path file;
  private final long size;
  private final String sha256;
  private CountingInputStream counted;

  private ImportSource(Path file, long size, String sha256) {
    this.file = file;
    this.size = size;
    this.sha256 = sha256;
  }

  /** Measures and hashes {@code file}; {@link ImportException} when it is missing or unreadable. */
  static ImportSource of(Path file) {
    try {
      return new ImportSource(file, Files.size(file), sha256(file));
    } catch (NoSuchFileException e) {
      throw new ImportException(file + ": no such file");
    } catch (IOException e) {
      throw new ImportException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  String name() {
    return file.getFileName().toString();
  }

  long size() {
    return size;
  }

  String sha256() {
    return sha256;
  }

  /** Bytes of the file read so far (compressed bytes for a .gz file). */
  long bytesRead() {
    return counted == null ? 0 : counted.count;
  }

  /** The format: {@code format} when given, else detected from the content. */
  Format format(Format format) throws IOException {
    return format != null ? format : detect();
  }

  private InputStream in;

  private InputStream stream() throws IOException {
    if (in == null) {
      counted = new CountingInputStream(Files.newInputStream(file));
      InputStream buffered = new BufferedInputStream(counted, 1 << 16);
      in = isGzip(buffered) ? new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16) : buffered;
    }
    return in;
  }

  /** A reader of the file's rows in {@code format}. */
  FactReader open(Format format) throws IOException {
    return format.open(stream(), name());
  }

  private Format detect() throws IOException {
    InputStream s = stream();
    s.mark(8192);
    byte[] head = s.readNBytes(8192);
    s.reset();
    if (head.length == 0) {
      throw new ImportException(file + ": file is empty");
    }
    return Format.detect(head).orElseThrow(() -> new ImportException(file
        + ": not a format Starling knows (see 'starling formats'); for Starling's CSV the header must be one of: "
        + String.join(",", CanonicalColumns.SUBSCRIBERS) + " | " + String.join(",", CanonicalColumns.CAMPAIGNS)
        + " | " + String.join(",", CanonicalColumns.EVENTS)));
  }

  private static boolean isGzip(InputStream in) throws IOException {
    in.mark(2);
    int a = in.read();
    int b = in.read();
    in.reset();
    return a == 0x1f && b == 0x8b;
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream s = Files.newInputStream(file)) {
      int n;
      while ((n = s.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
    }
  }

  /** Counts the bytes read from the file, for progress. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
