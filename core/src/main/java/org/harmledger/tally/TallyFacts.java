package org.harmledger.tally;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Range;
import org.harmledger.domain.Role;

/**
 * Everything a tally of one campaign can need, on any date: its live accepted claims (with the
 * date each was made), its live incidents with their whole grading history, and its cases with
 * every step. {@link Tally} narrows them to a date and a filter, so one load of facts serves any
 * number of tallies (the service keeps the last load until the ledger changes). Plain data.
 */
public record TallyFacts(
    Campaign campaign,
    List<ClaimFact> claims,
    List<IncidentFact> incidents,
    List<CaseFact> cases) {

  /**
   * One claim as the tally sees it. {@code order} breaks ties between claims of the same date
   * (the later recorded wins). Aggregate claims carry their scope; incident claims their incidents.
   */
  public record ClaimFact(
      String id,
      String source,
      String claimant,
      String claimantKey,
      Role role,
      boolean aggregate,
      String scopeKey,
      List<String> incidents,
      Optional<Range> killed,
      Optional<Range> injured,
      LocalDate date,
      long order,
      Optional<DateSpan> period,
      Optional<BoundingBox> bbox) {}

  /** A grading taking effect on a date. */
  public record GradeOn(Grade grade, LocalDate on) {}

  /** An incident: when and where, and its gradings in the order given. */
  public record IncidentFact(String id, DateSpan time, Double lat, Double lon, List<GradeOn> gradings) {
    /** The grading in force at the end of {@code date}: the last one taking effect by then. */
    public Optional<Grade> gradeOn(LocalDate date) {
      Grade g = null;
      for (GradeOn x : gradings) if (!x.on().isAfter(date)) g = x.grade();
      return Optional.ofNullable(g);
    }
  }

  public record CaseFact(String id, String belligerent, List<CaseStep> steps) {}
}
