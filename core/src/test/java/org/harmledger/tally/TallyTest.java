package org.harmledger.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.harmledger.domain.Area;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.Claimant;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Range;
import org.harmledger.domain.Role;
import org.harmledger.tally.TallyFacts.CaseFact;
import org.harmledger.tally.TallyFacts.ClaimFact;
import org.harmledger.tally.TallyFacts.IncidentFact;
import org.junit.jupiter.api.Test;

/** The tally rules on hand-made facts, one rule per test. */
class TallyTest {
  static final Campaign CAMPAIGN = new Campaign("c", "C", Optional.empty(), new Area("A", Optional.of(new BoundingBox(30, 30, 40, 40))), DateSpan.of("2017-01-01", "2017-12-31"), List.of());
  static final LocalDate AS_OF = LocalDate.parse("2020-01-01");

  final List<ClaimFact> claims = new ArrayList<>();
  final List<IncidentFact> incidents = new ArrayList<>();
  final List<CaseFact> cases = new ArrayList<>();
  long order;

  void aggregate(String id, String claimant, Role role, Range killed, String date) {
    claims.add(new ClaimFact(id, "s", claimant, new Claimant(claimant, role).key(), role, true, "aggregate:c:*:*", List.of(), Optional.of(killed), Optional.empty(), LocalDate.parse(date), ++order, Optional.empty(), Optional.empty()));
  }

  void onIncidents(String id, String claimant, Range killed, String... ids) {
    onIncidentsOn(id, claimant, killed, "2018-01-01", ids);
  }

  void onIncidentsOn(String id, String claimant, Range killed, String date, String... ids) {
    String scope = ids.length == 1 ? "incident:" + ids[0] : "incidents:" + String.join(",", ids);
    claims.add(new ClaimFact(id, "s", claimant, claimant.toLowerCase(), Role.INDEPENDENT_MONITOR, false, scope, List.of(ids), Optional.of(killed), Optional.empty(), LocalDate.parse(date), ++order, Optional.empty(), Optional.empty()));
  }

  void incident(String id, Grade g) {
    incidents.add(new IncidentFact(id, DateSpan.of("2017-08-10", "2017-08-10"), 35.0, 35.0,
        g == null ? List.of() : List.of(new TallyFacts.GradeOn(g, LocalDate.parse("2017-09-01")))));
  }

  TallyReport tally() {
    return Tally.compute(new TallyFacts(CAMPAIGN, claims, incidents, cases), AS_OF, TallyFilter.NONE);
  }

  @Test
  void independentIsTheEnvelopeOfIndependentClaimants() {
    aggregate("a", "Amnesty", Role.INDEPENDENT_MONITOR, Range.atLeast(200), "2018-06-05");
    aggregate("b", "Airwars", Role.INDEPENDENT_MONITOR, Range.between(300, 900), "2018-06-05");
    aggregate("o", "Coalition", Role.ACCUSED_BELLIGERENT, Range.exactly(23), "2018-06-05");
    aggregate("p", "SDF", Role.PARTNER_FORCE, Range.exactly(5000), "2018-06-05");
    TallyReport t = tally();
    assertThat(t.killed().independent().min()).isEqualTo(200);
    assertThat(t.killed().independent().max()).as("an open claim leaves the envelope open").isNull();
    assertThat(t.killed().independent().claims()).containsExactlyInAnyOrder("a", "b");
    assertThat(t.killed().official().min()).isEqualTo(23);
    assertThat(t.killed().other().min()).as("a partner force is neither official nor independent").isEqualTo(5000);
    assertThat(t.killed().ratio().min()).isEqualTo(8.7);
  }

  @Test
  void aClaimantsLaterClaimOnTheSameScopeSupersedesItsEarlierOne() {
    aggregate("early", "Coalition", Role.ACCUSED_BELLIGERENT, Range.exactly(23), "2018-06-05");
    aggregate("late", "coalition ", Role.ACCUSED_BELLIGERENT, Range.exactly(180), "2019-04-30");
    TallyReport t = tally();
    assertThat(t.killed().official().min()).isEqualTo(180);
    assertThat(t.superseded()).extracting(TallyReport.Superseded::claim, TallyReport.Superseded::by).containsExactly(org.assertj.core.groups.Tuple.tuple("early", "late"));
  }

  @Test
  void sameDateTiesGoToTheLaterRecorded() {
    aggregate("first", "Coalition", Role.ACCUSED_BELLIGERENT, Range.exactly(10), "2018-06-05");
    aggregate("second", "Coalition", Role.ACCUSED_BELLIGERENT, Range.exactly(12), "2018-06-05");
    assertThat(tally().killed().official().min()).isEqualTo(12);
  }

  @Test
  void credibleCasesRaiseTheOfficialFigureWhenTheyConcedeMore() {
    aggregate("o", "Coalition", Role.ACCUSED_BELLIGERENT, Range.exactly(23), "2018-06-05");
    CaseStep credible = new CaseStep(CaseState.CREDIBLE, LocalDate.parse("2018-07-01"), false, "", Optional.empty(), Optional.of(Range.exactly(20)), Optional.empty(), Optional.empty(), Optional.empty());
    cases.add(new CaseFact("k1", "Coalition", List.of(CaseStep.of(CaseState.OPEN, LocalDate.parse("2018-06-01"), ""), credible)));
    cases.add(new CaseFact("k2", "Coalition", List.of(CaseStep.of(CaseState.OPEN, LocalDate.parse("2018-06-01"), ""), credible)));
    TallyReport t = tally();
    assertThat(t.killed().official().min()).as("40 conceded in cases is more than the 23 stated").isEqualTo(40);
    assertThat(t.killed().official().cases()).containsExactly("k1", "k2");
    assertThat(t.cases().credible()).isEqualTo(2);
    assertThat(t.cases().open()).isEqualTo(2);
  }

  @Test
  void documentedIncidentsAreCountedAsMatchedToACaseAtTheirSurestMatch() {
    for (String i : List.of("i1", "i2", "i3", "i4")) incident(i, Grade.FAIR);
    incident("gone", Grade.DISCOUNTED);
    incident("i5", Grade.FAIR);
    onIncidents("c1", "Amnesty", Range.exactly(10), "i1");
    onIncidents("c2", "Amnesty", Range.exactly(20), "i2");
    onIncidents("c3", "Amnesty", Range.exactly(30), "i3", "i4"); // a set: both incidents counted
    onIncidents("c4", "Amnesty", Range.exactly(5), "gone");
    // i5 has no claim: not behind the documented figure
    java.util.Map<String, org.harmledger.domain.MatchConfidence> k1 = new java.util.HashMap<>();
    k1.put("i1", org.harmledger.domain.MatchConfidence.POSSIBLE);
    k1.put("i4", null); // linked without a stated confidence
    k1.put("gone", org.harmledger.domain.MatchConfidence.CONFIRMED);
    k1.put("i5", org.harmledger.domain.MatchConfidence.CONFIRMED);
    cases.add(new CaseFact("k1", "Coalition", List.of(CaseStep.of(CaseState.OPEN, LocalDate.parse("2018-06-01"), "")), k1));
    cases.add(new CaseFact("k2", "Coalition", List.of(CaseStep.of(CaseState.OPEN, LocalDate.parse("2018-06-01"), "")),
        java.util.Map.of("i1", org.harmledger.domain.MatchConfidence.PROBABLE)));
    // opened after the tally's date: not counted then
    cases.add(new CaseFact("k3", "Coalition", List.of(CaseStep.of(CaseState.OPEN, LocalDate.parse("2021-01-01"), "")),
        java.util.Map.of("i2", org.harmledger.domain.MatchConfidence.CONFIRMED)));

    TallyReport.IncidentMatching m = tally().cases().documentedIncidents();
    assertThat(m.counted()).isEqualTo(tally().killed().documented().incidents()).isEqualTo(4);
    assertThat(m.matched()).isEqualTo(2);
    assertThat(m.notMatched()).isEqualTo(2);
    assertThat(m.byConfidence()).containsEntry("probable", 1).containsEntry("not_stated", 1).containsEntry("possible", 0).containsEntry("confirmed", 0);
    assertThat(m.matches()).extracting(TallyReport.IncidentMatching.Match::incident, TallyReport.IncidentMatching.Match::caseId, TallyReport.IncidentMatching.Match::confidence)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("i1", "k1", "possible"),
            org.assertj.core.groups.Tuple.tuple("i1", "k2", "probable"),
            org.assertj.core.groups.Tuple.tuple("i4", "k1", "not_stated"));

    TallyReport later = Tally.compute(new TallyFacts(CAMPAIGN, claims, incidents, cases), LocalDate.parse("2021-06-01"), TallyFilter.NONE);
    assertThat(later.cases().documentedIncidents().matched()).as("k3 is open by then").isEqualTo(3);
    assertThat(later.cases().documentedIncidents().byConfidence()).containsEntry("confirmed", 1);

    // a match dated after the case opened counts from its day; the case's other links from the opening
    cases.add(new CaseFact("k4", "Coalition", List.of(CaseStep.of(CaseState.OPEN, LocalDate.parse("2018-06-01"), "")),
        java.util.Map.of("i3", org.harmledger.domain.MatchConfidence.CONFIRMED, "i2", org.harmledger.domain.MatchConfidence.POSSIBLE), Optional.empty(),
        java.util.Map.of("i3", LocalDate.parse("2022-03-01"))));
    TallyFacts withK4 = new TallyFacts(CAMPAIGN, claims, incidents, cases);
    TallyReport.IncidentMatching before = Tally.compute(withK4, LocalDate.parse("2022-02-28"), TallyFilter.NONE).cases().documentedIncidents();
    assertThat(before.matches()).extracting(TallyReport.IncidentMatching.Match::caseId, TallyReport.IncidentMatching.Match::incident)
        .as("k4's match to i3 not yet made; to i2, undated, since k4 opened").contains(org.assertj.core.groups.Tuple.tuple("k4", "i2"))
        .doesNotContain(org.assertj.core.groups.Tuple.tuple("k4", "i3"));
    assertThat(before.matched()).isEqualTo(3);
    TallyReport.IncidentMatching after = Tally.compute(withK4, LocalDate.parse("2022-03-01"), TallyFilter.NONE).cases().documentedIncidents();
    assertThat(after.matched()).as("i3 matched from its day").isEqualTo(4);
    assertThat(after.matches()).extracting(TallyReport.IncidentMatching.Match::caseId, TallyReport.IncidentMatching.Match::incident, TallyReport.IncidentMatching.Match::on)
        .as("each match with its day, where it has one").contains(org.assertj.core.groups.Tuple.tuple("k4", "i3", LocalDate.parse("2022-03-01")), org.assertj.core.groups.Tuple.tuple("k4", "i2", null));
  }

  @Test
  void aCaseFoundNonCredibleAfterCredibleNoLongerConcedes() {
    CaseStep credible = new CaseStep(CaseState.CREDIBLE, LocalDate.parse("2018-07-01"), false, "", Optional.empty(), Optional.of(Range.exactly(20)), Optional.empty(), Optional.empty(), Optional.empty());
    CaseStep non = new CaseStep(CaseState.NON_CREDIBLE, LocalDate.parse("2018-08-01"), false, "", Optional.of(org.harmledger.domain.NonCredibleReason.INSUFFICIENT_INFORMATION), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    cases.add(new CaseFact("k1", "Coalition", List.of(CaseStep.of(CaseState.OPEN, LocalDate.parse("2018-06-01"), ""), credible, non)));
    TallyReport t = tally();
    assertThat(t.killed().official().known()).isFalse();
    assertThat(t.cases().nonCredibleReasons()).containsEntry("insufficient_information", 1);
  }

  @Test
  void documentedCountsEachIncidentOnceWithTheEnvelopeOfItsClaims() {
    incident("i1", Grade.FAIR);
    incident("i2", Grade.WEAK);
    onIncidents("a", "A", Range.exactly(5), "i1");
    onIncidents("b", "B", Range.exactly(12), "i1");
    onIncidents("c", "A", Range.between(1, 2), "i2");
    TallyReport t = tally();
    assertThat(t.killed().documented().min()).isEqualTo(6);
    assertThat(t.killed().documented().max()).isEqualTo(14);
    assertThat(t.killed().documented().incidents()).isEqualTo(2);
    assertThat(t.killed().documented().byGrading().get("fair").min()).isEqualTo(5);
    assertThat(t.killed().documented().byGrading().get("weak").max()).isEqualTo(2);
  }

  @Test
  void aClaimAboutASetOfIncidentsCountsTheSetOnce() {
    for (String i : List.of("i1", "i2", "i3", "i4")) incident(i, Grade.WEAK);
    onIncidents("set", "Amnesty", Range.exactly(70), "i1", "i2", "i3", "i4");
    TallyReport t = tally();
    assertThat(t.killed().documented().min()).isEqualTo(70);
    assertThat(t.killed().documented().max()).isEqualTo(70);
    assertThat(t.killed().documented().incidents()).isEqualTo(4);
  }

  @Test
  void aSetClaimAndSingleClaimsAreTwoAccountsOfTheSameGroup() {
    for (String i : List.of("i1", "i2")) incident(i, Grade.FAIR);
    onIncidents("set", "Amnesty", Range.exactly(10), "i1", "i2");
    onIncidents("s1", "Local", Range.exactly(3), "i1");
    onIncidents("s2", "Local", Range.exactly(4), "i2");
    TallyReport t = tally();
    // Accounts: 10 (the set) and 3 + 4 = 7 (the singles): envelope 7–10, counted once.
    assertThat(t.killed().documented().min()).isEqualTo(7);
    assertThat(t.killed().documented().max()).isEqualTo(10);
    assertThat(t.killed().documented().incidents()).isEqualTo(2);
  }

  @Test
  void aSetClaimPlusSinglesForTheRestIsACompleteAccount() {
    for (String i : List.of("i1", "i2", "i3")) incident(i, Grade.FAIR);
    onIncidents("set", "Amnesty", Range.exactly(10), "i1", "i2");
    onIncidents("s3", "Local", Range.exactly(4), "i3");
    onIncidents("s1", "Local", Range.exactly(6), "i1");
    onIncidents("link", "Other", Range.exactly(9), "i2", "i3");
    TallyReport t = tally();
    // Accounts: set + i3 = 14; link + i1 = 15. Envelope 14–15.
    assertThat(t.killed().documented().min()).isEqualTo(14);
    assertThat(t.killed().documented().max()).isEqualTo(15);
    assertThat(t.killed().documented().incidents()).isEqualTo(3);
    assertThat(t.killed().documented().byGrading()).containsOnlyKeys("fair");
  }

  @Test
  void discountedIncidentsAreLeftOutAndSaySo() {
    incident("i1", Grade.DISCOUNTED);
    incident("i2", Grade.CONFIRMED);
    onIncidents("a", "A", Range.exactly(50), "i1");
    onIncidents("b", "A", Range.exactly(2), "i2");
    onIncidents("set", "B", Range.exactly(60), "i1", "i2");
    TallyReport t = tally();
    assertThat(t.killed().documented().min()).isEqualTo(2);
    assertThat(t.killed().documented().incidents()).isEqualTo(1);
    assertThat(t.excluded()).extracting(TallyReport.Excluded::claim).containsExactlyInAnyOrder("a", "set");
  }

  /** A measure's four figures as ranges (empty where unknown), to compare two tallies' numbers. */
  private static List<Optional<Range>> ranges(TallyReport.Measure m) {
    return List.of(m.official().range(), m.independent().range(), m.documented().range(), m.other().range());
  }

  @Test
  void figuresOnlyGivesTheSameFiguresWithoutTheListsBehindThem() {
    incident("i1", Grade.DISCOUNTED);
    incident("i2", Grade.CONFIRMED);
    onIncidents("a", "A", Range.exactly(50), "i1");
    onIncidents("b", "A", Range.exactly(2), "i2");
    aggregate("early", "Amnesty", Role.INDEPENDENT_MONITOR, Range.atLeast(100), "2018-01-01");
    aggregate("late", "Amnesty", Role.INDEPENDENT_MONITOR, Range.atLeast(200), "2018-06-05");
    TallyFacts facts = new TallyFacts(CAMPAIGN, claims, incidents, cases);
    TallyReport whole = Tally.compute(facts, AS_OF, TallyFilter.NONE, true);
    TallyReport figures = Tally.compute(facts, AS_OF, TallyFilter.NONE, false);
    assertThat(whole.excluded()).isNotEmpty();
    assertThat(whole.superseded()).isNotEmpty();
    assertThat(figures.excluded()).as("not worked out, rather than an empty list that would say none").isNull();
    assertThat(figures.superseded()).isNull();
    assertThat(whole.killed().documented().range()).contains(Range.exactly(2));
    assertThat(whole.killed().independent().range()).contains(Range.atLeast(200));
    assertThat(ranges(figures.killed())).isEqualTo(ranges(whole.killed()));
    assertThat(ranges(figures.injured())).isEqualTo(ranges(whole.injured()));
    assertThat(org.harmledger.ledger.Json.write(figures)).doesNotContain("excluded").doesNotContain("superseded");
  }

  @Test
  void aggregateClaimsWiderThanThePeriodFilterAreLeftOut() {
    aggregate("whole", "Amnesty", Role.INDEPENDENT_MONITOR, Range.atLeast(200), "2018-06-05");
    incident("i1", Grade.FAIR);
    onIncidents("a", "A", Range.exactly(5), "i1");
    TallyFilter august = new TallyFilter(Optional.of(DateSpan.of("2017-08-01", "2017-08-31")), Optional.empty());
    TallyReport t = Tally.compute(new TallyFacts(CAMPAIGN, claims, incidents, cases), AS_OF, august);
    assertThat(t.killed().independent().known()).isFalse();
    assertThat(t.excluded()).extracting(TallyReport.Excluded::claim).containsExactly("whole");
    assertThat(t.killed().documented().min()).isEqualTo(5);
  }

  @Test
  void withoutAnIndependentFigureThereIsNoRatio() {
    aggregate("o", "Coalition", Role.ACCUSED_BELLIGERENT, Range.exactly(23), "2018-06-05");
    TallyReport t = tally();
    assertThat(t.killed().ratio().min()).isNull();
    assertThat(t.killed().ratio().note()).contains("needs both");
  }

  @Test
  void onOneIncidentAClaimantsLaterClaimReplacesItsEarlierOneAndOthersStand() {
    incident("i1", Grade.FAIR);
    incident("i2", Grade.FAIR);
    onIncidentsOn("late", "Monitor", Range.exactly(9), "2018-05-01", "i1");
    onIncidentsOn("early", "Monitor", Range.exactly(4), "2018-02-01", "i1");
    onIncidentsOn("other", "Family", Range.exactly(6), "2018-03-01", "i1");
    onIncidentsOn("middle", "Monitor", Range.exactly(7), "2018-04-01", "i1");
    onIncidentsOn("elsewhere", "Monitor", Range.exactly(1), "2018-01-01", "i2");
    TallyReport t = tally();
    assertThat(t.killed().documented().min()).as("envelope of 9 and 6, plus 1").isEqualTo(7);
    assertThat(t.killed().documented().max()).isEqualTo(10);
    assertThat(t.killed().documented().claims()).containsExactlyInAnyOrder("late", "other", "elsewhere");
    assertThat(t.superseded()).extracting(TallyReport.Superseded::claim, TallyReport.Superseded::by)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("early", "late"), org.assertj.core.groups.Tuple.tuple("middle", "late"));
    assertThat(t.claims()).containsOnlyKeys("late", "other", "elsewhere");
  }

  @Test
  void asOfAnEarlierDateTheEarlierClaimStands() {
    incident("i1", Grade.FAIR);
    onIncidentsOn("late", "Monitor", Range.exactly(9), "2018-05-01", "i1");
    onIncidentsOn("early", "Monitor", Range.exactly(4), "2018-02-01", "i1");
    TallyReport t = Tally.compute(new TallyFacts(CAMPAIGN, claims, incidents, cases), LocalDate.parse("2018-03-01"), TallyFilter.NONE);
    assertThat(t.killed().documented().min()).isEqualTo(4);
    assertThat(t.superseded()).isEmpty();
  }

  @Test
  void withoutTheBasisTheFiguresAreTheSame() {
    for (String i : List.of("i1", "i2", "i3")) incident(i, Grade.FAIR);
    onIncidents("a", "A", Range.exactly(5), "i1");
    onIncidents("b", "B", Range.between(2, 8), "i2");
    onIncidents("set", "C", Range.exactly(20), "i2", "i3");
    aggregate("o", "Coalition", Role.ACCUSED_BELLIGERENT, Range.exactly(3), "2018-06-05");
    TallyReport full = tally();
    TallyReport lean = Tally.compute(new TallyFacts(CAMPAIGN, claims, incidents, cases), AS_OF, TallyFilter.NONE, false);
    for (var pair : List.of(List.of(full.killed().documented(), lean.killed().documented()), List.of(full.killed().official(), lean.killed().official()))) {
      assertThat(pair.get(1).min()).isEqualTo(pair.get(0).min());
      assertThat(pair.get(1).max()).isEqualTo(pair.get(0).max());
    }
    assertThat(lean.killed().documented().incidents()).isEqualTo(3);
    assertThat(lean.killed().documented().claims()).doesNotContain("a", "b");
    assertThat(full.killed().documented().claims()).contains("a", "b", "set");
    assertThat(lean.claims()).containsOnlyKeys("o", "set");
  }
}
