package org.harmledger.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The ledger's SHA-256 chain. Each field is written with its byte length in front, so no two
 * different entries can hash the same bytes by moving a separator. Thread-safe (a digest per call).
 */
public final class Chain {
  private Chain() {}

  public static String hash(LedgerEntry e) {
    // one digest per thread, reset: looking up the provider for each of a million entries showed
    // in verify's profile
    MessageDigest md = DIGEST.get();
    md.reset();
    put(md, e.prevHash());
    put(md, Long.toString(e.seq()));
    put(md, e.at().toString());
    put(md, e.actor());
    put(md, e.reason());
    put(md, e.action().name());
    put(md, e.type().name());
    put(md, e.recordId());
    put(md, e.payload());
    return HexFormat.of().formatHex(md.digest());
  }

  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Chain::sha256);

  private static void put(MessageDigest md, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    int n = b.length;
    md.update((byte) (n >>> 24));
    md.update((byte) (n >>> 16));
    md.update((byte) (n >>> 8));
    md.update((byte) n);
    md.update(b);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
