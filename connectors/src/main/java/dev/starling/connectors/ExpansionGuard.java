package dev.starling.connectors;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Wraps a decompressing stream and refuses to go on once it has grown more than
 * {@link ReadLimits#maxExpansionRatio()} times the compressed bytes read (past a grace of
 * {@value #GRACE_BYTES} bytes, since small files compress unevenly) or beyond
 * {@link ReadLimits#maxExpandedBytes()}. Why: a 12 MB .gz of blank lines is 12 GB of nothing, a 2 MB
 * .xlsx.gz wrote a 2 GB temporary file; real exports compress 5 to 20 times. The refusal is an
 * {@link UnreadableSourceException} (one line, the whole source refused), and it is sticky: a reader
 * that caught it and read on gets it again.
 */
public final class ExpansionGuard extends FilterInputStream {
  /** Below this many expanded bytes the ratio is not checked. */
  public static final long GRACE_BYTES = 16L << 20;

  private final String source;
  private final ReadLimits limits;
  private final LongSupplier compressedRead;
  private long expanded;
  private UnreadableSourceException refused;

  /**
   * @param decompressed the decompressing stream
   * @param compressedRead how many compressed bytes have been consumed so far
   */
  public ExpansionGuard(InputStream decompressed, String source, ReadLimits limits, LongSupplier compressedRead) {
    super(decompressed);
    this.source = source;
    this.limits = limits;
    this.compressedRead = compressedRead;
  }

  /** The refusal, once the limit was hit; {@code null} before. */
  public UnreadableSourceException refused() {
    return refused;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (refused != null) {
      throw refused;
    }
    int n = super.read(b, off, len);
    if (n > 0) {
      expanded += n;
      check();
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // through read(), so that skipped bytes count too
    byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long left = n;
    while (left > 0) {
      int r = read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  private void check() throws UnreadableSourceException {
    long compressed = Math.max(1, compressedRead.getAsLong());
    if (expanded > limits.maxExpandedBytes()) {
      refused = new UnreadableSourceException(source, 0, "decompresses to more than "
          + ReadLimits.bytes(limits.maxExpandedBytes()) + " (import.max-expanded-size); refused");
    } else if (expanded > GRACE_BYTES && expanded > limits.maxExpansionRatio() * compressed) {
      refused = new UnreadableSourceException(source, 0, String.format(java.util.Locale.ROOT,
          "decompresses to more than %s times its size (%s from the first %s), as a decompression bomb does"
              + " (import.max-expansion-ratio); refused", ratio(limits.maxExpansionRatio()), ReadLimits.bytes(expanded),
          ReadLimits.bytes(compressed)));
    }
    if (refused != null) {
      throw refused;
    }
  }

  private static String ratio(double r) {
    return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
  }
}
