package org.harmledger.domain;

/**
 * Why a case is linked to one incident: how sure the recorder is ({@link MatchConfidence}) and on
 * what basis ("the coalition's report gives the same date and neighbourhood"). Who made the match
 * and when is in the ledger entry that made it.
 */
public record IncidentMatch(MatchConfidence confidence, String basis) {
  public IncidentMatch {
    basis = basis == null ? null : basis.strip();
  }

  /** {@code field}: the name the match is reported under ("" for none). */
  public void check(Problems p, String field) {
    String at = field.isEmpty() ? "" : field + ".";
    p.requireNonNull(confidence, at + "confidence");
    p.requireText(basis, at + "basis");
  }
}
