package org.harmledger.store;

import org.harmledger.ledger.LedgerEntry;
import org.harmledger.ledger.StoredRecord;

/** Write access inside one transaction. Only the services call this, after all checks pass. */
public interface LedgerWriter extends LedgerReader {
  /** Appends {@code entry} and writes {@code state}, the record as the entry leaves it. */
  void append(LedgerEntry entry, StoredRecord state);

  /** Keeps an archived copy's bytes under their SHA-256 (idempotent). */
  void putArchive(String sha256, String mediaType, byte[] bytes);
}
