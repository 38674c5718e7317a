package dev.starling.engine.ingest;

import dev.starling.connectors.ExpansionGuard;
import dev.starling.connectors.FactReader;
import dev.starling.connectors.Format;
import dev.starling.connectors.ReadLimits;
import dev.starling.connectors.UnreadableSourceException;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.zip.GZIPInputStream;

/**
 * One file on its way in: its size and SHA-256 (to skip a file imported before), and its rows through
 * the right reader, gunzipped on the fly when the bytes say gzip, the format detected from the first
 * bytes unless named. Counts the bytes read, for progress.
 *
 * <p>The hash is taken before reading ({@link #hashNow}) when a file of that size may have been
 * imported before, so a repeated file is skipped at once; otherwise on a thread of its own while the
 * rows are read ({@link #hashAside}): hashing a first load's 976 MB cost 0.6 s before its first row.
 *
 * <p>Only regular files are taken: {@code /dev/zero} or a named pipe would hang the hash. A gzip stream goes through an {@link ExpansionGuard}, so that a small .gz of
 * nothing (blank lines, a bomb) is refused within {@link ReadLimits} instead of read for hours.
 */
final class ImportSource implements AutoCloseable {
  private final Path file;
  private final long size;
  private final ReadLimits limits;
  private volatile CountingInputStream counted;
  private ExpansionGuard guard;
  private String sha256;
  private FutureTask<String> hashing;

  private ImportSource(Path file, long size, ReadLimits limits) {
    this.file = file;
    this.size = size;
    this.limits = limits;
  }

  /** Measures {@code file}; {@link ImportException} when it is missing, unreadable or not a regular file. */
  static ImportSource of(Path file, ReadLimits limits) {
    try {
      if (Files.exists(file) && !Files.isRegularFile(file)) {
        throw new ImportException(file + ": is not a regular file (" + (Files.isDirectory(file) ? "a directory"
            : "a device or a pipe") + "); Starling imports files only, nothing was read");
      }
      return new ImportSource(file, Files.size(file), limits);
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

  /** Hashes the file now, on this thread. */
  void hashNow() throws IOException {
    sha256 = sha256(file);
  }

  /** Starts hashing the file on a thread of its own; {@link #sha256()} waits for it. */
  void hashAside() {
    hashing = new FutureTask<>(() -> sha256(file));
    Thread.ofPlatform().daemon().name("hash " + name()).start(hashing);
  }

  /** The file's SHA-256 (hex), waiting for the hashing thread if it still runs. */
  String sha256() throws IOException {
    if (sha256 == null) {
      try {
        sha256 = hashing.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while hashing", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        throw new IOException(e.getCause());
      }
    }
    return sha256;
  }

  /** Bytes of the file read so far (compressed bytes for a .gz file). */
  long bytesRead() {
    CountingInputStream c = counted;
    return c == null ? 0 : c.count;
  }

  /** Why the decompression limit refused the file, once it did; {@code null} before or without one. */
  UnreadableSourceException refused() {
    return guard == null ? null : guard.refused();
  }

  /** The format: {@code format} when given, else detected from the content. */
  Format format(Format format) throws IOException {
    return format != null ? format : detect();
  }

  private InputStream in;

  private InputStream stream() throws IOException {
    if (in == null) {
      CountingInputStream c = new CountingInputStream(Files.newInputStream(file));
      counted = c;
      InputStream buffered = new BufferedInputStream(c, 1 << 16);
      if (isGzip(buffered)) {
        guard = new ExpansionGuard(new GZIPInputStream(buffered, 1 << 16), name(), limits, () -> c.count);
        in = new BufferedInputStream(guard, 1 << 16);
      } else {
        in = buffered;
      }
    }
    return in;
  }

  /** A reader of the file's rows in {@code format}. */
  FactReader open(Format format) throws IOException {
    return format.open(stream(), name(), limits);
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
    if (hashing != null) {
      hashing.cancel(true); // an import that failed early does not wait for the hash; a done one is unaffected
    }
    if (in != null) {
      in.close();
    }
  }

  /** Counts the bytes read from the file, for progress. */
  private static final class CountingInputStream extends FilterInputStream {
    volatile long count; // read by the importing thread for progress while the reader's thread counts

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
