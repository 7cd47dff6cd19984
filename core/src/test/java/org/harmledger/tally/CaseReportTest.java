package org.harmledger.tally;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.NonCredibleReason;
import org.harmledger.domain.Range;
import org.harmledger.domain.ValidationException;
import org.harmledger.tally.CaseReport.Period;
import org.harmledger.tally.CaseReport.Unit;
import org.harmledger.tally.TallyFacts.CaseFact;
import org.junit.jupiter.api.Test;

class CaseReportTest {
  private static CaseStep step(CaseState state, String on) {
    return CaseStep.of(state, LocalDate.parse(on), "");
  }

  private static CaseStep bound(CaseState state, String on) {
    return new CaseStep(state, LocalDate.parse(on), true, "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static CaseStep nonCredible(String on, NonCredibleReason reason) {
    return new CaseStep(CaseState.NON_CREDIBLE, LocalDate.parse(on), false, "", Optional.of(reason), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static CaseStep credible(String on, Range killed) {
    return new CaseStep(CaseState.CREDIBLE, LocalDate.parse(on), false, "", Optional.empty(), Optional.of(killed), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static TallyFacts facts(List<CaseFact> cases) {
    return new TallyFacts(TallyTest.CAMPAIGN, List.of(), List.of(), cases);
  }

  /** Raqqa's shape: four cases closed by June 2018 and reopened then, one found non-credible and closed again. */
  private static List<CaseFact> raqqa() {
    List<CaseFact> cases = new ArrayList<>();
    cases.add(new CaseFact("r1", "Coalition", List.of(bound(CaseState.CLOSED, "2018-06-05"), bound(CaseState.REOPENED, "2018-06-05"),
        nonCredible("2018-06-28", NonCredibleReason.NOT_STATED), step(CaseState.CLOSED, "2018-06-28"))));
    for (int i = 2; i <= 4; i++) {
      cases.add(new CaseFact("r" + i, "Coalition", List.of(bound(CaseState.CLOSED, "2018-06-05"), bound(CaseState.REOPENED, "2018-06-05"))));
    }
    cases.add(new CaseFact("n1", "Coalition", List.of(step(CaseState.OPEN, "2018-06-28"), credible("2019-04-30", Range.between(10, 12)))));
    cases.add(new CaseFact("n2", "Coalition", List.of(step(CaseState.OPEN, "2019-04-02"), credible("2019-04-30", Range.atLeast(3)))));
    cases.add(new CaseFact("x1", "Other force", List.of(step(CaseState.OPEN, "2019-01-10"))));
    return cases;
  }

  @Test
  void newCasesAreCountedByHowTheirAllegationCameIn() {
    List<CaseFact> cases = new ArrayList<>();
    cases.add(new CaseFact("a", "Coalition", List.of(step(CaseState.OPEN, "2017-07-03")), java.util.Map.of(), Optional.of(org.harmledger.domain.AllegationChannel.NGO)));
    cases.add(new CaseFact("b", "Coalition", List.of(step(CaseState.OPEN, "2017-07-09")), java.util.Map.of(), Optional.of(org.harmledger.domain.AllegationChannel.NGO)));
    cases.add(new CaseFact("c", "Coalition", List.of(step(CaseState.OPEN, "2017-07-20")), java.util.Map.of(), Optional.of(org.harmledger.domain.AllegationChannel.SELF_REPORT)));
    cases.add(new CaseFact("d", "Coalition", List.of(step(CaseState.OPEN, "2017-07-21"))));
    // a step in August is not an opening: August's new cases are none, whatever their channel
    cases.add(new CaseFact("e", "Coalition", List.of(step(CaseState.OPEN, "2017-07-22"), step(CaseState.CLOSED, "2017-08-02")), java.util.Map.of(),
        Optional.of(org.harmledger.domain.AllegationChannel.MEDIA)));
    CaseReport r = CaseReport.compute(facts(cases), LocalDate.parse("2017-12-31"), Unit.MONTH, Optional.empty());
    assertThat(r.periods()).extracting(Period::label).containsExactly("2017-07", "2017-08");
    assertThat(r.periods().get(0).openedByChannel()).containsExactly(
        java.util.Map.entry("media", 1), java.util.Map.entry("ngo", 2), java.util.Map.entry("not_stated", 1), java.util.Map.entry("self_report", 1));
    assertThat(r.periods().get(1).openedByChannel()).isEmpty();
    // the channel survives narrowing a case to its steps by a date
    assertThat(CaseReport.compute(facts(cases), LocalDate.parse("2017-07-31"), Unit.YEAR, Optional.empty()).periods().get(0).openedByChannel()).containsEntry("ngo", 2);
  }

  @Test
  void eachPeriodNamesTheCasesBehindItsCounts() {
    CaseReport r = CaseReport.compute(facts(raqqa()), LocalDate.parse("2019-05-15"), Unit.MONTH, Optional.of("Coalition"));

    assertThat(r.periods()).extracting(Period::label).containsExactly("2018-06", "2019-04");
    Period june = r.periods().get(0);
    assertThat(june.start()).isEqualTo("2018-06-01");
    assertThat(june.end()).isEqualTo("2018-06-30");
    assertThat(june.carriedOver()).isEmpty();
    assertThat(june.opened()).containsExactly("n1", "r1", "r2", "r3", "r4");
    assertThat(june.openedEarlier()).as("first heard of as already closed").containsExactly("r1", "r2", "r3", "r4");
    assertThat(june.reopened()).containsExactly("r1", "r2", "r3", "r4");
    assertThat(june.closed()).containsExactly("r1", "r2", "r3", "r4");
    assertThat(june.nonCredible()).containsExactly("r1");
    assertThat(june.nonCredibleReasons()).containsEntry("not_stated", 1);
    assertThat(june.openAtEnd()).containsExactly("n1", "r2", "r3", "r4");
    assertThat(june.datedByBound()).containsExactly("r1", "r2", "r3", "r4");
    assertThat(june.concededKilled()).isNull();

    Period april = r.periods().get(1);
    assertThat(april.carriedOver()).as("open through the quiet months").containsExactly("n1", "r2", "r3", "r4");
    assertThat(april.opened()).containsExactly("n2");
    assertThat(april.credible()).containsExactly("n1", "n2");
    assertThat(april.concededKilled()).isEqualTo(new CaseReport.Conceded(13, null)); // 10–12 plus at least 3
    assertThat(april.end()).as("the whole month: it ended before the report's date").isEqualTo("2019-04-30");
    assertThat(r.belligerents()).containsExactly("Coalition", "Other force");
  }

  @Test
  void theLastPeriodEndsOnTheReportsDateAndLaterStepsAreNotSeen() {
    CaseReport r = CaseReport.compute(facts(raqqa()), LocalDate.parse("2019-04-15"), Unit.QUARTER, Optional.empty());
    assertThat(r.periods()).extracting(Period::label).containsExactly("2018-Q2", "2019-Q1", "2019-Q2");
    Period last = r.periods().get(2);
    assertThat(last.end()).isEqualTo("2019-04-15");
    assertThat(last.credible()).as("assessed on 30 April, after the report's date").isEmpty();
    assertThat(last.openAtEnd()).contains("n2", "x1");
  }

  @Test
  void anUnknownBelligerentIsRefusedNamingTheOnesThereAre() {
    assertThatThrownBy(() -> CaseReport.compute(facts(raqqa()), LocalDate.parse("2019-05-15"), Unit.YEAR, Optional.of("Coalitoin")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("belligerent")
        .hasMessageContaining("Coalitoin")
        .hasMessageContaining("Coalition, Other force");
    assertThatThrownBy(() -> Unit.parse("--by", "week")).hasMessageContaining("--by").hasMessageContaining("week").hasMessageContaining("month, quarter, year");
  }

  /**
   * On random case histories (steps recorded in any date order), the report agrees with the
   * tally it sits beside: the cases open at its end are the tally's open cases, every opened case
   * is opened in exactly one period, and each period carries over what the one before left open.
   */
  @Test
  void agreesWithTheTallyOnRandomHistories() {
    Random rnd = new Random(11);
    CaseState[] states = CaseState.values();
    for (int round = 0; round < 200; round++) {
      List<CaseFact> cases = new ArrayList<>();
      int n = 1 + rnd.nextInt(12);
      for (int k = 0; k < n; k++) {
        List<CaseStep> steps = new ArrayList<>();
        int m = 1 + rnd.nextInt(5);
        for (int s = 0; s < m; s++) {
          CaseState st = states[rnd.nextInt(states.length)];
          String on = LocalDate.parse("2018-01-01").plusDays(rnd.nextInt(500)).toString();
          steps.add(switch (st) {
            case CREDIBLE -> credible(on, Range.exactly(rnd.nextInt(5)));
            case NON_CREDIBLE -> nonCredible(on, NonCredibleReason.INSUFFICIENT_INFORMATION);
            default -> step(st, on);
          });
        }
        cases.add(new CaseFact("k" + k, "B", steps));
      }
      LocalDate asOf = LocalDate.parse("2018-01-01").plusDays(rnd.nextInt(520));
      TallyFacts facts = facts(cases);
      CaseReport r = CaseReport.compute(facts, asOf, Unit.values()[rnd.nextInt(3)], Optional.empty());
      TallyReport t = Tally.compute(facts, asOf, TallyFilter.NONE);

      List<String> openAtEnd = r.periods().isEmpty() ? List.of() : r.periods().get(r.periods().size() - 1).openAtEnd();
      assertThat(openAtEnd).as("round %d", round).hasSize(t.cases().open());
      List<String> opened = r.periods().stream().flatMap(p -> p.opened().stream()).toList();
      assertThat(opened).as("round %d", round).doesNotHaveDuplicates().hasSize(t.cases().opened());
      assertThat(new HashSet<>(opened)).isEqualTo(Set.copyOf(t.cases().ids()));
      for (int p = 1; p < r.periods().size(); p++) {
        assertThat(r.periods().get(p).carriedOver()).as("round %d, period %d", round, p).isEqualTo(r.periods().get(p - 1).openAtEnd());
      }
    }
  }
}
