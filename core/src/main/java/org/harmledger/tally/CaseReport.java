package org.harmledger.tally;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.Problem;
import org.harmledger.domain.Range;
import org.harmledger.domain.ValidationException;
import org.harmledger.tally.TallyFacts.CaseFact;

/**
 * A campaign's cases period by period, counted the way a belligerent's monthly civilian casualty
 * report counts them (CJTF-OIR's give the reports carried over from earlier months, the new ones,
 * those assessed credible, non-credible or duplicate, the closed and the reopened), but with
 * every count naming its cases, so that "four cases were reopened" says which four.
 *
 * <p>A case is open from its first step until a {@code closed} step, and again after a
 * {@code reopened} one, exactly as in the {@link Tally}: the cases open at the end of the last
 * period are the tally's open cases on the report's date. Only periods in which some case took a
 * step are listed; a case open through the quiet ones is carried over into the next listed one.
 * A step dated only as a bound ("closed by 5 June") is counted in the period of its bound and
 * named under {@link Period#datedByBound}.
 */
public record CaseReport(
    String campaign,
    String campaignName,
    LocalDate asOf,
    String by,
    @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<String> belligerent,
    List<String> belligerents,
    List<Period> periods) {

  /** How long a period is. */
  public enum Unit {
    MONTH,
    QUARTER,
    YEAR;

    /** The unit named by {@code text} (month, quarter, year), or a problem naming {@code field}. */
    public static Unit parse(String field, String text) {
      for (Unit u : values()) if (u.name().equalsIgnoreCase(text.trim())) return u;
      throw new ValidationException(Problem.of(field, text, "must be one of month, quarter, year"));
    }

    LocalDate start(LocalDate d) {
      return switch (this) {
        case MONTH -> d.withDayOfMonth(1);
        case QUARTER -> d.with(IsoFields.DAY_OF_QUARTER, 1);
        case YEAR -> d.withDayOfYear(1);
      };
    }

    LocalDate end(LocalDate d) {
      return switch (this) {
        case MONTH -> d.with(TemporalAdjusters.lastDayOfMonth());
        case QUARTER -> start(d).plusMonths(3).minusDays(1);
        case YEAR -> d.with(TemporalAdjusters.lastDayOfYear());
      };
    }

    String label(LocalDate d) {
      return switch (this) {
        case MONTH -> String.format("%d-%02d", d.getYear(), d.getMonthValue());
        case QUARTER -> d.getYear() + "-Q" + d.get(IsoFields.QUARTER_OF_YEAR);
        case YEAR -> Integer.toString(d.getYear());
      };
    }
  }

  /**
   * One period, from {@code start} to {@code end} (cut at the report's date). Each list names
   * cases, each once: {@code carriedOver} were open when the period began, {@code opened} took
   * their first recorded step in it (every case is opened in one period, as the tally counts it),
   * {@code openedEarlier} are those of them whose first recorded step is not {@code open} (a case
   * first heard of as "already closed": opened on an earlier date no source gives), {@code credible}, {@code nonCredible}, {@code duplicate},
   * {@code closed} and {@code reopened} took such a step in it, {@code openAtEnd} were open when
   * it ended. {@code concededKilled} and {@code concededInjured} add up the figures the
   * credible assessments made in the period conceded (null when none conceded one).
   * {@code openedByChannel} counts the cases opened in it by how their allegation came in (media,
   * ngo, self_report…; "not_stated" for a case that does not say), as the monthly reports give it.
   */
  public record Period(
      String label,
      LocalDate start,
      LocalDate end,
      List<String> carriedOver,
      List<String> opened,
      List<String> openedEarlier,
      List<String> credible,
      List<String> nonCredible,
      Map<String, Integer> nonCredibleReasons,
      List<String> duplicate,
      List<String> closed,
      List<String> reopened,
      List<String> openAtEnd,
      @JsonInclude(JsonInclude.Include.ALWAYS) Conceded concededKilled,
      @JsonInclude(JsonInclude.Include.ALWAYS) Conceded concededInjured,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> datedByBound,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> openedByChannel) {}

  /** A sum of conceded figures: {@code max} null when one of them was open above. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record Conceded(long min, Long max) {
    static Conceded of(Range r) {
      return r == null ? null : new Conceded(r.min(), r.max().isPresent() ? r.max().getAsLong() : null);
    }

    @Override
    public String toString() {
      return max == null ? "at least " + min : min == max ? Long.toString(min) : min + "–" + max;
    }
  }

  /**
   * The report of the campaign in {@code facts} up to the end of {@code asOf}, by {@code unit},
   * of one belligerent's cases (its name as recorded) or, when empty, of all of them.
   */
  public static CaseReport compute(TallyFacts facts, LocalDate asOf, Unit unit, Optional<String> belligerent) {
    TreeSet<String> belligerents = new TreeSet<>();
    List<CaseFact> cases = new ArrayList<>();
    for (CaseFact c : facts.cases()) {
      List<CaseStep> steps = c.steps().stream().filter(s -> !s.on().isAfter(asOf)).toList();
      if (steps.isEmpty()) continue;
      belligerents.add(c.belligerent());
      if (belligerent.isEmpty() || belligerent.get().equals(c.belligerent())) cases.add(c.withSteps(steps));
    }
    if (belligerent.isPresent() && cases.isEmpty() && !belligerents.isEmpty()) {
      throw new ValidationException(Problem.of("belligerent", belligerent.get(), "no case of this campaign has this belligerent; its cases name: " + String.join(", ", belligerents)));
    }
    cases.sort(java.util.Comparator.comparing(CaseFact::id));
    TreeSet<LocalDate> starts = new TreeSet<>();
    for (CaseFact c : cases) for (CaseStep s : c.steps()) starts.add(unit.start(s.on()));
    List<Period> periods = new ArrayList<>();
    for (LocalDate start : starts) {
      LocalDate end = unit.end(start).isAfter(asOf) ? asOf : unit.end(start);
      periods.add(period(cases, unit.label(start), start, end));
    }
    return new CaseReport(facts.campaign().id(), facts.campaign().name(), asOf, unit.name().toLowerCase(Locale.ROOT), belligerent, List.copyOf(belligerents), periods);
  }

  private static Period period(List<CaseFact> cases, String label, LocalDate start, LocalDate end) {
    List<String> carried = new ArrayList<>(), opened = new ArrayList<>(), openedEarlier = new ArrayList<>(), credible = new ArrayList<>(), nonCredible = new ArrayList<>();
    List<String> duplicate = new ArrayList<>(), closed = new ArrayList<>(), reopened = new ArrayList<>(), openAtEnd = new ArrayList<>(), bound = new ArrayList<>();
    Map<String, Integer> reasons = new TreeMap<>();
    Map<String, Integer> channels = new TreeMap<>();
    Range killed = null, injured = null;
    for (CaseFact c : cases) {
      String id = c.id();
      if (isOpen(c.steps(), start.minusDays(1))) carried.add(id);
      if (isOpen(c.steps(), end)) openAtEnd.add(id);
      // opened: its earliest step (steps may be recorded out of date order) is in this period
      CaseStep first = c.steps().stream().min(java.util.Comparator.comparing(CaseStep::on)).orElseThrow();
      if (in(first, start, end)) {
        opened.add(id);
        if (first.state() != CaseState.OPEN) openedEarlier.add(id);
        channels.merge(c.channel().map(x -> x.name().toLowerCase(Locale.ROOT)).orElse("not_stated"), 1, Integer::sum);
      }
      Map<CaseState, Boolean> took = new LinkedHashMap<>();
      boolean byBound = false;
      for (CaseStep s : c.steps()) {
        if (!in(s, start, end)) continue;
        took.put(s.state(), true);
        byBound |= s.onOrBefore();
        if (s.state() == CaseState.NON_CREDIBLE) s.reason().ifPresent(r -> reasons.merge(r.name().toLowerCase(Locale.ROOT), 1, Integer::sum));
        if (s.state() == CaseState.CREDIBLE) {
          if (s.concededKilled().isPresent()) killed = killed == null ? s.concededKilled().get() : killed.plus(s.concededKilled().get());
          if (s.concededInjured().isPresent()) injured = injured == null ? s.concededInjured().get() : injured.plus(s.concededInjured().get());
        }
      }
      if (took.containsKey(CaseState.CREDIBLE)) credible.add(id);
      if (took.containsKey(CaseState.NON_CREDIBLE)) nonCredible.add(id);
      if (took.containsKey(CaseState.DUPLICATE)) duplicate.add(id);
      if (took.containsKey(CaseState.CLOSED)) closed.add(id);
      if (took.containsKey(CaseState.REOPENED)) reopened.add(id);
      if (byBound) bound.add(id);
    }
    return new Period(label, start, end, carried, opened, openedEarlier, credible, nonCredible, reasons, duplicate, closed, reopened, openAtEnd, Conceded.of(killed), Conceded.of(injured), bound, channels);
  }

  private static boolean in(CaseStep s, LocalDate start, LocalDate end) {
    return !s.on().isBefore(start) && !s.on().isAfter(end);
  }

  /**
   * Whether a case is open at the end of {@code date}: it has a step by then, and its last
   * {@code closed} or {@code reopened} step by then (in the order recorded) is not a close. The
   * same rule as the tally's open and closed counts.
   */
  static boolean isOpen(List<CaseStep> steps, LocalDate date) {
    boolean any = false, closed = false;
    for (CaseStep s : steps) {
      if (s.on().isAfter(date)) continue;
      any = true;
      if (s.state() == CaseState.CLOSED) closed = true;
      if (s.state() == CaseState.REOPENED) closed = false;
    }
    return any && !closed;
  }
}
