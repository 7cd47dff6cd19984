package org.harmledger.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.harmledger.domain.LedgerRecord;
import org.harmledger.domain.RecordType;

/**
 * Folds ledger entries, in order, into the state they imply, checking the chain as it goes.
 * The state keeps payload text, not parsed records, so replaying a million entries stays cheap;
 * {@link Replayed#toStored()} parses when a record is needed. Not thread-safe.
 */
public final class Replay {
  /** A record's key across types. */
  public record Key(RecordType type, String id) {
    @Override
    public String toString() {
      return type.label() + " " + id;
    }
  }

  /** What the ledger says a record is now. */
  public record Replayed(
      RecordType type,
      String id,
      long version,
      long createdSeq,
      long entrySeq,
      Instant createdAt,
      Instant updatedAt,
      Optional<String> retracted,
      String payload) {
    public StoredRecord toStored() {
      LedgerRecord r = Json.read(payload, type.recordClass());
      return new StoredRecord(r, version, createdSeq, entrySeq, createdAt, updatedAt, retracted, payload);
    }
  }

  private final Map<Key, Replayed> state = new HashMap<>();
  private String prevHash = LedgerEntry.GENESIS;
  private long nextSeq = 1;
  private long applied;

  /**
   * Applies one entry. Returns a description of what is wrong with it, or empty when it is sound
   * (in which case the state now includes it).
   */
  public Optional<String> apply(LedgerEntry e) {
    return apply(e, e.hash().equals(e.expectedHash()));
  }

  /**
   * The same, with whether the entry's hash matches its contents worked out already (verify hashes
   * batches of entries on other threads; the checks are still made, and reported, in order).
   */
  public Optional<String> apply(LedgerEntry e, boolean hashMatches) {
    if (e.seq() != nextSeq) {
      return Optional.of(
          "entry #" + e.seq() + ": expected entry #" + nextSeq
              + " here (an entry was deleted, inserted or reordered)");
    }
    if (!e.prevHash().equals(prevHash)) {
      return Optional.of(
          "entry #" + e.seq() + ": prev_hash does not match the hash of entry #" + (e.seq() - 1)
              + " (the chain was broken: an entry was replaced, deleted or reordered)");
    }
    if (!hashMatches) {
      return Optional.of(
          "entry #" + e.seq() + " (" + e.action().name().toLowerCase() + " " + e.type().label() + " "
              + e.recordId() + "): its contents do not match its hash (the entry was edited)");
    }
    Key key = new Key(e.type(), e.recordId());
    Replayed before = state.get(key);
    if (e.action() == Action.CREATE) {
      if (before != null) {
        return Optional.of("entry #" + e.seq() + ": creates " + key + ", which already exists");
      }
      state.put(key, new Replayed(e.type(), e.recordId(), 1, e.seq(), e.seq(), e.at(), e.at(), Optional.empty(), e.payload()));
    } else {
      if (before == null) {
        return Optional.of("entry #" + e.seq() + ": changes " + key + ", which was never created");
      }
      if (before.retracted().isPresent()) {
        return Optional.of("entry #" + e.seq() + ": changes " + key + ", which was retracted");
      }
      Optional<String> retracted =
          e.action() == Action.RETRACT ? Optional.of(e.reason()) : Optional.empty();
      state.put(
          key,
          new Replayed(e.type(), e.recordId(), before.version() + 1, before.createdSeq(), e.seq(), before.createdAt(), e.at(), retracted, e.payload()));
    }
    prevHash = e.hash();
    nextSeq++;
    applied++;
    return Optional.empty();
  }

  public Map<Key, Replayed> state() {
    return state;
  }

  public String headHash() {
    return prevHash;
  }

  public long applied() {
    return applied;
  }

  public long nextSeq() {
    return nextSeq;
  }
}
