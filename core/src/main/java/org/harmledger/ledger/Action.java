package org.harmledger.ledger;

/** What a ledger entry did to its record. Every change is one of these; nothing else writes. */
public enum Action {
  CREATE,
  AMEND,
  GRADE,
  LINK,
  UNLINK,
  TRANSITION,
  REVIEW,
  RETRACT
}
