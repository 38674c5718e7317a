package dev.starling.engine.index;

/**
 * A 64-bit FNV-1a hash of a document's values, in order, each one delimited: what an update compares to
 * find the documents whose store data changed. Not a security hash: it only has to tell versions apart.
 */
final class Fingerprint {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fingerprint() {}

  static long of(Object... values) {
    long h = OFFSET;
    for (Object v : values) {
      String s = v == null ? "\u0000" : v.toString();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        h = (h ^ (c & 0xff)) * PRIME;
        h = (h ^ (c >>> 8)) * PRIME;
      }
      h = (h ^ 0x1f) * PRIME; // the delimiter: ("ab", "c") and ("a", "bc") differ
    }
    return h;
  }
}
