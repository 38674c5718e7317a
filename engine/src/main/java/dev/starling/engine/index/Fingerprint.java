package dev.starling.engine.index;

import java.util.List;

/**
 * A 64-bit FNV-1a hash of a document's values, in order, each one delimited: what an update compares to
 * find the documents whose store data changed. Not a security hash: it only has to tell versions apart.
 * Each UTF-16 unit is one step (one multiply): at a million documents per build the hash is a visible part of
 * the work, and the 64 bits, not the step size, are what keep two versions apart.
 */
final class Fingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;
  private static final char DELIMITER = 0x1f;

  private Fingerprint() {}

  static long of(Object... values) {
    long h = OFFSET;
    for (Object v : values) {
      h = v instanceof List<?> list ? list(h, list) : value(h, v);
    }
    return h;
  }

  /** A list's values one by one, each delimited, then the list's own end (as its joined text would be). */
  private static long list(long h, List<?> values) {
    for (Object v : values) {
      h = value(h, v);
    }
    return (h ^ 0x1e) * PRIME;
  }

  private static long value(long h, Object v) {
    String s = v == null ? "\u0000" : v.toString();
    for (int i = 0; i < s.length(); i++) {
      h = (h ^ s.charAt(i)) * PRIME;
    }
    return (h ^ DELIMITER) * PRIME; // ("ab", "c") and ("a", "bc") differ
  }
}
