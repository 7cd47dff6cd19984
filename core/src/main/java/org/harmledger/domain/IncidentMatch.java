package org.harmledger.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Why a case is linked to one incident: how sure the recorder is ({@link MatchConfidence}), on
 * what basis ("the coalition's report gives the same date and neighbourhood"), and since when the
 * case is known to concern the incident ({@code on}: the day of the report that named it, or of
 * the recorder's finding). Not given, the service dates it the day the incident was first matched
 * to the case, so re-assessing the confidence keeps the day. A tally as of an earlier day does
 * not count the match. Who made the match and when it was entered is in the ledger entry.
 */
public record IncidentMatch(MatchConfidence confidence, String basis, Optional<LocalDate> on) {
  public IncidentMatch {
    basis = basis == null ? null : basis.strip();
    on = on == null ? Optional.empty() : on;
  }

  /** A match whose date is not given (the service dates it the day it is recorded). */
  public IncidentMatch(MatchConfidence confidence, String basis) {
    this(confidence, basis, Optional.empty());
  }

  /** This match known since {@code day}. */
  public IncidentMatch datedOn(LocalDate day) {
    return new IncidentMatch(confidence, basis, Optional.of(day));
  }

  /** How sure and since when, as a line of text says it: "probable since 2018-06-28". */
  public String describe() {
    return confidence.name().toLowerCase(java.util.Locale.ROOT) + on.map(d -> " since " + d).orElse("");
  }

  /** {@code field}: the name the match is reported under ("" for none). */
  public void check(Problems p, String field) {
    String at = field.isEmpty() ? "" : field + ".";
    p.requireNonNull(confidence, at + "confidence");
    p.requireText(basis, at + "basis");
  }
}
