package org.harmledger.domain;

import java.util.Optional;

/**
 * The archived copy of a source: the SHA-256 of its original bytes (hashed at intake, Berkeley
 * Protocol), its media type and size. The bytes themselves are kept by the store, keyed by hash.
 */
public record Archive(String sha256, String mediaType, long size, Optional<String> fileName) {
  public Archive {
    fileName = fileName == null ? Optional.empty() : fileName;
  }

  public void check(Problems p, String field) {
    p.require(
        sha256 != null && sha256.matches("[0-9a-f]{64}"),
        field + ".sha256",
        sha256,
        "must be 64 lowercase hex digits");
    p.requireText(mediaType, field + ".media_type");
    p.require(size >= 0, field + ".size", size, "must be 0 or more");
  }
}
