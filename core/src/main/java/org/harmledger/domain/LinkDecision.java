package org.harmledger.domain;

import java.util.Optional;

/**
 * A person's decision, from clerical review, that two victim records are (or are not) the same
 * person. Linkage runs over the ledger's victims respect every live decision: a match always joins
 * the two records, a non-match keeps them in different clusters. Retract it to undo it.
 */
public record LinkDecision(String id, String victimA, String victimB, Decision decision, Optional<String> note) implements LedgerRecord {
  public enum Decision { MATCH, NON_MATCH }

  public LinkDecision {
    note = note == null ? Optional.empty() : note.filter(x -> !x.isBlank());
    // one pair, one order: a decision about (b, a) is the decision about (a, b)
    if (victimA != null && victimB != null && victimA.compareTo(victimB) > 0) {
      String t = victimA;
      victimA = victimB;
      victimB = t;
    }
  }

  @Override
  public RecordType type() {
    return RecordType.LINK_DECISION;
  }

  @Override
  public void check(Problems p) {
    LedgerRecord.checkId(p, id);
    p.requireText(victimA, "victim_a");
    p.requireText(victimB, "victim_b");
    if (victimA != null && victimA.equals(victimB)) p.add("victim_b", victimB, "must be a different victim from victim_a");
    p.requireNonNull(decision, "decision");
  }

  @Override
  public LinkDecision withId(String id) {
    return new LinkDecision(id, victimA, victimB, decision, note);
  }
}
