package dev.starling.engine.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The people erased on request (table {@code forgotten}), known only by the salted hash of their
 * address, so an import can skip them without the store keeping who they were. The salt is random per
 * store (meta {@code forget_salt}): the same address hashes differently in two stores, and a list of
 * hashes copied out of one store cannot be matched against another's.
 *
 * <p>An import asks {@link #contains} only for addresses the store does not know (a forgotten person
 * has no subscriber row), and the hashes are loaded once per transaction, so a store where nobody was
 * forgotten pays one empty query per import.
 */
public final class ForgottenAddresses {
  static final String SALT = "forget_salt";
  /** An address inside free text (a rejected row's raw line); what it finds is normalised before hashing. */
  private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'=-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

  private final Connection c;
  private Set<String> hashes;
  private byte[] salt;

  ForgottenAddresses(Connection c) {
    this.c = c;
  }

  /** Whether {@code email} (normalised) belongs to a forgotten person. */
  public boolean contains(String email) {
    try {
      load();
      return !hashes.isEmpty() && hashes.contains(hash(salt, email));
    } catch (SQLException e) {
      throw StoreException.failed("ForgottenAddresses.contains", e);
    }
  }

  /** Whether {@code text} (a rejected row as read) names a forgotten person's address anywhere. */
  public boolean mentionedIn(String text) {
    try {
      load();
      if (hashes.isEmpty() || text == null || text.indexOf('@') < 0) {
        return false;
      }
      Matcher m = ADDRESS.matcher(text);
      while (m.find()) {
        if (hashes.contains(hash(salt, m.group().toLowerCase(Locale.ROOT)))) {
          return true;
        }
      }
      return false;
    } catch (SQLException e) {
      throw StoreException.failed("ForgottenAddresses.mentionedIn", e);
    }
  }

  private void load() throws SQLException {
    if (hashes != null) {
      return;
    }
    hashes = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM forgotten"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        hashes.add(rs.getString(1));
      }
    }
    if (!hashes.isEmpty()) {
      salt = salt(c, false).orElseThrow(() -> new IllegalStateException("forgotten people but no " + SALT + " in meta"));
    }
  }

  /** The store's salt; made (32 random bytes) and kept when {@code create} and there is none yet. */
  static Optional<byte[]> salt(Connection c, boolean create) throws SQLException {
    Optional<String> hex = Meta.get(c, SALT);
    if (hex.isPresent()) {
      return Optional.of(HexFormat.of().parseHex(hex.get()));
    }
    if (!create) {
      return Optional.empty();
    }
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    Meta.set(c, SALT, HexFormat.of().formatHex(fresh));
    return Optional.of(fresh);
  }

  /** Hex SHA-256 of the salt followed by the address's UTF-8 bytes. */
  static String hash(byte[] salt, String email) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return HexFormat.of().formatHex(sha.digest(email.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
