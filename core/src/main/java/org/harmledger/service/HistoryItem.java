package org.harmledger.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One entry in a record's history, with what it changed field by field. {@code record} is the
 * record the entry belongs to ({@code claim/clm-3}); a source's history includes its claims'.
 */
public record HistoryItem(
    long seq,
    String record,
    Instant at,
    String actor,
    String action,
    String reason,
    long version,
    List<Change> changes,
    String hash) {
  /** A field's value before and after ({@code null} when absent). */
  public record Change(String field, JsonNode before, JsonNode after) {}
}
