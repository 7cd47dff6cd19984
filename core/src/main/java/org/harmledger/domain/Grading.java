package org.harmledger.domain;

import java.time.LocalDate;

/** One grading decision, with why and on which date it took effect. An incident keeps them all. */
public record Grading(Grade grade, String rationale, LocalDate on) {
  public void check(Problems p, String field) {
    p.requireNonNull(grade, field + ".grade");
    p.requireText(rationale, field + ".rationale");
    p.requireNonNull(on, field + ".on");
  }
}
