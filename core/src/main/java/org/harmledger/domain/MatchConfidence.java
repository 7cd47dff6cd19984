package org.harmledger.domain;

/**
 * How sure a recorder is that a belligerent's case concerns an independently documented incident.
 * Official assessments rarely name the incidents they answer: matching them is work done by
 * hand, and most matches are provisional (domain.md, "our chance" 2). The levels:
 */
public enum MatchConfidence {
  /** The belligerent's own assessment names the incident, or its date, place and strike leave no other candidate. */
  CONFIRMED,
  /** Date and place agree within what each side stated; another candidate is unlikely. */
  PROBABLE,
  /** One of several candidates; provisional until the belligerent or new evidence says more. */
  POSSIBLE
}
