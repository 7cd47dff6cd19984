package org.harmledger.domain;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One state a case entered, on a date, with a note. {@code onOrBefore} marks a date known only
 * as a bound ("already closed" by the day it was reported). A credible step carries the figures
 * the belligerent conceded; a non-credible step a reason code; a duplicate the case it repeats.
 */
public record CaseStep(
    CaseState state,
    LocalDate on,
    boolean onOrBefore,
    String note,
    Optional<NonCredibleReason> reason,
    Optional<Range> concededKilled,
    Optional<Range> concededInjured,
    Optional<String> duplicateOf,
    Optional<String> source) {
  public CaseStep {
    note = note == null ? "" : note;
    reason = reason == null ? Optional.empty() : reason;
    concededKilled = concededKilled == null ? Optional.empty() : concededKilled;
    concededInjured = concededInjured == null ? Optional.empty() : concededInjured;
    duplicateOf = duplicateOf == null ? Optional.empty() : duplicateOf;
    source = source == null ? Optional.empty() : source;
  }

  public static CaseStep of(CaseState state, LocalDate on, String note) {
    return new CaseStep(state, on, false, note, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  public void check(Problems p, String field) {
    p.requireNonNull(state, field + ".state");
    p.requireNonNull(on, field + ".on");
    if (state == null) return;
    concededKilled.ifPresent(r -> r.check(p, field + ".conceded_killed"));
    concededInjured.ifPresent(r -> r.check(p, field + ".conceded_injured"));
    if (state == CaseState.CREDIBLE) {
      p.require(
          concededKilled.isPresent() || concededInjured.isPresent(),
          field + ".conceded_killed",
          "",
          "a credible assessment must record the conceded figures (0 is a figure)");
    } else {
      p.require(concededKilled.isEmpty() && concededInjured.isEmpty(), field + ".conceded_killed", concededKilled.map(Range::toString).orElse(""), "only a credible assessment concedes figures");
    }
    if (state == CaseState.NON_CREDIBLE) {
      p.require(reason.isPresent(), field + ".reason", "", "a non-credible assessment needs a reason code (e.g. insufficient_information, not_stated)");
      if (reason.orElse(null) == NonCredibleReason.OTHER) {
        p.require(!note.isBlank(), field + ".note", "", "reason 'other' needs a note saying what the reason was");
      }
    } else {
      p.require(reason.isEmpty(), field + ".reason", reason.map(Enum::name).orElse(""), "only a non-credible assessment has a reason");
    }
    if (state != CaseState.DUPLICATE) {
      p.require(duplicateOf.isEmpty(), field + ".duplicate_of", duplicateOf.orElse(""), "only a duplicate names the case it repeats");
    }
  }
}
