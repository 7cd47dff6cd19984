package org.harmledger.ledger;

import java.time.Instant;
import java.util.Optional;
import org.harmledger.domain.LedgerRecord;
import org.harmledger.domain.RecordType;

/**
 * A record as the ledger's replay leaves it: its current value, how many entries made it
 * ({@code version}), the ledger entries that created it and that made its current value, when it was first and last changed, and the retraction reason if removed.
 * The store's state tables hold exactly this, so a replay can be compared with them.
 */
public record StoredRecord(
    LedgerRecord record,
    long version,
    long createdSeq,
    long entrySeq,
    Instant createdAt,
    Instant updatedAt,
    Optional<String> retracted,
    String payload) {
  public RecordType type() {
    return record.type();
  }

  public String id() {
    return record.id();
  }

  public boolean isRetracted() {
    return retracted.isPresent();
  }

  public <T> T as(Class<T> c) {
    return c.cast(record);
  }

  /** How the CLI and the API show a record: type, id, version (its ETag), times, retraction, value. */
  public java.util.Map<String, Object> view() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("type", type().label());
    m.put("id", id());
    m.put("version", version);
    m.put("created_at", createdAt.toString());
    m.put("updated_at", updatedAt.toString());
    retracted.ifPresent(r -> m.put("retracted", r));
    m.put("record", record);
    return m;
  }
}
