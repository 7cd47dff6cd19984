package org.harmledger.store;

import java.util.Optional;

/**
 * Filters for listing records. Each filter applies only to the types that have that field:
 * {@code campaign} (incidents, cases, aggregate claims), {@code source} (claims, victims),
 * {@code incident} (claims, cases, victims), {@code victim} (link decisions naming it).
 */
public record RecordQuery(
    Optional<String> campaign,
    Optional<String> source,
    Optional<String> incident,
    boolean includeRetracted,
    int offset,
    int limit,
    Optional<String> victim) {
  public static final int MAX_LIMIT = 10_000;

  public RecordQuery {
    campaign = campaign == null ? Optional.empty() : campaign;
    source = source == null ? Optional.empty() : source;
    incident = incident == null ? Optional.empty() : incident;
    victim = victim == null ? Optional.empty() : victim;
    offset = Math.max(0, offset);
    limit = limit <= 0 ? 100 : Math.min(limit, MAX_LIMIT);
  }

  public RecordQuery(Optional<String> campaign, Optional<String> source, Optional<String> incident, boolean includeRetracted, int offset, int limit) {
    this(campaign, source, incident, includeRetracted, offset, limit, Optional.empty());
  }

  public static RecordQuery all() {
    return new RecordQuery(Optional.empty(), Optional.empty(), Optional.empty(), true, 0, MAX_LIMIT);
  }

  public static RecordQuery live() {
    return new RecordQuery(Optional.empty(), Optional.empty(), Optional.empty(), false, 0, MAX_LIMIT);
  }

  public RecordQuery withCampaign(String c) {
    return new RecordQuery(Optional.of(c), source, incident, includeRetracted, offset, limit, victim);
  }

  public RecordQuery withSource(String s) {
    return new RecordQuery(campaign, Optional.of(s), incident, includeRetracted, offset, limit, victim);
  }

  public RecordQuery withIncident(String i) {
    return new RecordQuery(campaign, source, Optional.of(i), includeRetracted, offset, limit, victim);
  }

  /** At most {@code n} records (capped at {@link #MAX_LIMIT}). */
  public RecordQuery withLimit(int n) {
    return new RecordQuery(campaign, source, incident, includeRetracted, offset, n, victim);
  }

  public RecordQuery withVictim(String v) {
    return new RecordQuery(campaign, source, incident, includeRetracted, offset, limit, Optional.of(v));
  }
}
