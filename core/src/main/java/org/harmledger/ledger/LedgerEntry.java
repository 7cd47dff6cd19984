package org.harmledger.ledger;

import java.time.Instant;
import org.harmledger.domain.RecordType;

/**
 * One append-only ledger entry: who did what to which record, when and why, with the record's
 * full state after the change as canonical JSON ({@code payload}). Each entry's hash covers its
 * own fields and the previous entry's hash, so a change to any entry breaks the chain after it.
 */
public record LedgerEntry(
    long seq,
    Instant at,
    String actor,
    String reason,
    Action action,
    RecordType type,
    String recordId,
    String payload,
    String prevHash,
    String hash) {

  public static final String GENESIS = "0".repeat(64);

  /** The hash this entry should have, given its own fields and {@code prevHash}. */
  public String expectedHash() {
    return Chain.hash(this);
  }
}
