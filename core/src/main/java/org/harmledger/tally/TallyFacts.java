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
 * What a store hands the tally: the campaign, its live accepted claims dated up to the as-of
 * date, its incidents (already narrowed by the filter) with the grading then in force, and its
 * cases' steps up to that date. Plain data; the rules are in {@link Tally}.
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

  public record IncidentFact(String id, Optional<Grade> grade) {}

  public record CaseFact(String id, String belligerent, List<CaseStep> steps) {}
}
