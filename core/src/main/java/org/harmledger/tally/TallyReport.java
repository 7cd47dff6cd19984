package org.harmledger.tally;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.harmledger.domain.Range;

/**
 * A campaign's tally on a date: killed and injured from the accused belligerent (official),
 * independent aggregate claims, and incident-level documentation, with the case counts. Every
 * figure lists the claims (and cases, incidents) behind it; {@code claims} describes each once.
 */
public record TallyReport(
    String campaign,
    String campaignName,
    LocalDate asOf,
    Optional<String> period,
    Optional<String> bbox,
    Measure killed,
    Measure injured,
    CaseCounts cases,
    Map<String, ClaimSummary> claims,
    /** Null in a report made without its basis (not worked out, which an empty list would hide). */
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Superseded> superseded,
    /** Null in a report made without its basis. */
    @JsonInclude(JsonInclude.Include.NON_NULL) List<Excluded> excluded) {

  public record Measure(
      Figure official, Figure independent, Figure documented, Figure other, Ratio ratio) {}

  /**
   * A range with its basis. {@code known} is false when nothing supports a figure; {@code max} is
   * null when known but open above ("at least").
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Figure(
      boolean known,
      Long min,
      Long max,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer incidents,
      List<String> claims,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> cases,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Figure> byGrading,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes) {

    public static Figure unknown() {
      return new Figure(false, null, null, null, List.of(), List.of(), Map.of(), List.of());
    }

    public static Figure of(Range r, List<String> claims) {
      return new Figure(true, r.min(), r.max().isPresent() ? r.max().getAsLong() : null, null, claims, List.of(), Map.of(), List.of());
    }

    public Optional<Range> range() {
      if (!known) return Optional.empty();
      return Optional.of(max == null ? Range.atLeast(min) : Range.between(min, max));
    }
  }

  /**
   * Independent over official. {@code min} divides the smallest independent figure by the
   * largest official one; {@code max} the largest by the smallest (null when open or undefined).
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Ratio(Double min, Double max, String note) {}

  public record CaseCounts(
      int opened,
      int open,
      int closed,
      int reopened,
      int credible,
      int nonCredible,
      int duplicate,
      int notAssessed,
      Map<String, Integer> nonCredibleReasons,
      List<String> ids,
      IncidentMatching documentedIncidents) {}

  /**
   * How many of the incidents behind the documented killed figure a belligerent's case has been
   * matched to: {@code byConfidence} counts each matched incident once, at its surest match
   * (confirmed, probable, possible, not_stated); {@code matches} lists every case-incident match
   * behind it (null in a report made without its basis).
   */
  public record IncidentMatching(
      int counted,
      int matched,
      int notMatched,
      Map<String, Integer> byConfidence,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Match> matches) {
    /** One case's match to a counted incident: how sure, and since when ({@code on}: absent for a link that gives no day). */
    public record Match(String incident, String caseId, String confidence, @JsonInclude(JsonInclude.Include.NON_NULL) java.time.LocalDate on) {
      public Match(String incident, String caseId, String confidence) {
        this(incident, caseId, confidence, null);
      }
    }
  }

  /** One claim behind a figure, as the tally saw it (its figures as ranges; open max: at least). */
  @JsonInclude(JsonInclude.Include.NON_ABSENT)
  public record ClaimSummary(
      String id,
      String source,
      String claimant,
      org.harmledger.domain.Role role,
      LocalDate date,
      String scope,
      Optional<Range> killed,
      Optional<Range> injured) {
    public ClaimSummary(TallyFacts.ClaimFact c) {
      this(c.id(), c.source(), c.claimant(), c.role(), c.date(), c.scopeKey(), c.killed(), c.injured());
    }
  }

  public record Superseded(String claim, String by, String measure) {}

  public record Excluded(String claim, String reason) {}
}
