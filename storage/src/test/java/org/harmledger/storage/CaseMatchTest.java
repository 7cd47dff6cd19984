package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Case;
import org.harmledger.domain.IncidentMatch;
import org.harmledger.domain.MatchConfidence;
import org.harmledger.domain.Problem;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.LedgerFile;
import org.harmledger.service.HistoryItem;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import org.harmledger.store.RecordQuery;
import org.junit.jupiter.api.Test;

/**
 * A case matched to incidents with a confidence and a basis (domain.md, "our chance" 2): kept,
 * re-assessed and taken back through the ledger, each step in the history and in the export.
 */
class CaseMatchTest extends DemoFileTest {
  static final String CASE = "case-raqqa-reopened-2";
  static final String INC1 = "inc-raqqa-amnesty-1";
  static final String INC2 = "inc-raqqa-amnesty-2";
  final IncidentMatch possible = new IncidentMatch(MatchConfidence.POSSIBLE, "reopened after Amnesty sent its four incidents");
  final IncidentMatch probable = new IncidentMatch(MatchConfidence.PROBABLE, "the coalition's letter gives the same street and day");

  Case kase() {
    return ledger.get(RecordType.CASE, CASE).as(Case.class);
  }

  ValidationException refused(Runnable change) {
    long before = entries();
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(change::run);
    assertThat(t).isInstanceOf(ValidationException.class);
    assertThat(entries()).as("nothing written").isEqualTo(before);
    return (ValidationException) t;
  }

  static final java.time.LocalDate JUNE_2018 = java.time.LocalDate.parse("2018-06-28");

  @Test
  void aMatchKeepsItsConfidenceAndBasisAndAReassessmentKeepsTheFirstInTheHistory() {
    ledger.link(RecordType.CASE, CASE, List.of(INC1, INC2), Optional.of(possible.datedOn(JUNE_2018)), OptionalLong.empty(), new Meta("ana", "provisional"));
    assertThat(kase().incidents()).containsExactly(INC1, INC2);
    assertThat(kase().match(INC1)).contains(possible.datedOn(JUNE_2018));
    assertThat(kase().match(INC2)).contains(possible.datedOn(JUNE_2018));

    // re-assessed without a day: the case has concerned the incident since it was first matched
    ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(probable), OptionalLong.empty(), new Meta("ben", "the June letter"));
    assertThat(kase().match(INC1)).contains(probable.datedOn(JUNE_2018));
    assertThat(kase().match(INC2)).as("the other match is untouched").contains(possible.datedOn(JUNE_2018));

    List<HistoryItem> h = ledger.history(RecordType.CASE, CASE);
    HistoryItem last = h.get(h.size() - 1);
    assertThat(last.action()).isEqualTo("link");
    assertThat(last.actor()).isEqualTo("ben");
    assertThat(last.changes()).extracting(HistoryItem.Change::field)
        .containsExactlyInAnyOrder("matches." + INC1 + ".basis", "matches." + INC1 + ".confidence");
    assertThat(last.changes()).filteredOn(c -> c.field().endsWith("confidence"))
        .singleElement().satisfies(c -> {
          assertThat(c.before().asText()).isEqualTo("possible");
          assertThat(c.after().asText()).isEqualTo("probable");
        });
    assertThat(ledger.verify(Optional.empty(), x -> {}).ok()).isTrue();
  }

  @Test
  void theTallyCountsTheDocumentedIncidentsMatchedToACaseAndFollowsEachChange() {
    java.time.LocalDate end2018 = java.time.LocalDate.parse("2018-12-31");
    var before = ledger.tally(org.harmledger.service.DemoLedger.CAMPAIGN, Optional.of(end2018), org.harmledger.tally.TallyFilter.NONE).cases().documentedIncidents();
    assertThat(before.counted()).isEqualTo(4);
    assertThat(before.matched()).isZero();
    ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(possible.datedOn(JUNE_2018)), OptionalLong.empty(), new Meta("ana", "provisional"));
    var after = ledger.tally(org.harmledger.service.DemoLedger.CAMPAIGN, Optional.of(end2018), org.harmledger.tally.TallyFilter.NONE).cases().documentedIncidents();
    assertThat(after.matched()).isEqualTo(1);
    assertThat(after.byConfidence()).containsEntry("possible", 1);
    assertThat(after.matches()).extracting(m -> m.caseId()).containsExactly(CASE);
    ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(probable), OptionalLong.empty(), new Meta("ana", "letter"));
    assertThat(ledger.tally(org.harmledger.service.DemoLedger.CAMPAIGN, Optional.of(end2018), org.harmledger.tally.TallyFilter.NONE).cases().documentedIncidents().byConfidence())
        .containsEntry("probable", 1).containsEntry("possible", 0);
    ledger.unlink(RecordType.CASE, CASE, List.of(INC1), OptionalLong.empty(), new Meta("ana", "wrong"));
    assertThat(ledger.tally(org.harmledger.service.DemoLedger.CAMPAIGN, Optional.of(end2018), org.harmledger.tally.TallyFilter.NONE).cases().documentedIncidents().matched()).isZero();
  }

  @Test
  void theSameMatchTwiceIsRefusedAndALinkWithoutConfidenceKeepsAnEarlierOne() {
    ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(possible), OptionalLong.empty(), new Meta("ana", "provisional"));
    var e = refused(() -> ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(possible), OptionalLong.empty(), new Meta("ana", "again")));
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("already linked with this confidence and basis");
    refused(() -> ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.empty(), OptionalLong.empty(), new Meta("ana", "again")));
    assertThat(kase().match(INC1)).as("dated the day it was recorded").contains(possible.datedOn(ledger.today()));
  }

  @Test
  void aMatchCountsInATallyFromItsDayNotBefore() {
    java.time.LocalDate end2018 = java.time.LocalDate.parse("2018-12-31");
    java.util.function.Function<java.time.LocalDate, Integer> matchedOn = d ->
        ledger.tally(org.harmledger.service.DemoLedger.CAMPAIGN, Optional.of(d), org.harmledger.tally.TallyFilter.NONE).cases().documentedIncidents().matched();
    // a recorder's finding today: the coalition's case was not known to concern it in 2018
    ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(possible), OptionalLong.empty(), new Meta("ana", "our finding"));
    assertThat(kase().match(INC1).flatMap(IncidentMatch::on)).contains(ledger.today());
    assertThat(matchedOn.apply(end2018)).isZero();
    assertThat(matchedOn.apply(ledger.today())).isEqualTo(1);
    // the coalition's letter of June 2018 named the other: counted from then, not before
    ledger.link(RecordType.CASE, CASE, List.of(INC2), Optional.of(probable.datedOn(JUNE_2018)), OptionalLong.empty(), new Meta("ana", "the letter"));
    assertThat(matchedOn.apply(JUNE_2018.minusDays(1))).isZero();
    assertThat(matchedOn.apply(JUNE_2018)).isEqualTo(1);
    assertThat(matchedOn.apply(end2018)).isEqualTo(1);
    assertThat(matchedOn.apply(ledger.today())).isEqualTo(2);
    // a day not yet come is refused, naming it
    java.time.LocalDate tomorrow = ledger.today().plusDays(1);
    var e = refused(() -> ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(probable.datedOn(tomorrow)), OptionalLong.empty(), new Meta("ana", "r")));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.field()).isEqualTo("on");
      assertThat(p.value()).isEqualTo(tomorrow.toString());
      assertThat(p.rule()).startsWith("must not be after today");
    });
    assertThat(ledger.verify(Optional.empty(), x -> {}).ok()).isTrue();
  }

  @Test
  void aMatchNeedsBothConfidenceAndBasisAndOnlyCasesCarryOne() {
    var e = refused(() -> ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(new IncidentMatch(MatchConfidence.PROBABLE, " ")), OptionalLong.empty(), new Meta("ana", "r")));
    assertThat(e.problems()).extracting(Problem::field).containsExactly("basis");
    e = refused(() -> ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(new IncidentMatch(null, "b")), OptionalLong.empty(), new Meta("ana", "r")));
    assertThat(e.problems()).extracting(Problem::field).containsExactly("confidence");
    String victim = victim();
    e = refused(() -> ledger.link(RecordType.VICTIM, victim, List.of(INC1), Optional.of(possible), OptionalLong.empty(), new Meta("ana", "r")));
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("only a case's link to an incident carries a match confidence");
    e = refused(() -> ledger.link(RecordType.CASE, CASE, List.of("inc-nowhere"), Optional.of(possible), OptionalLong.empty(), new Meta("ana", "r")));
    assertThat(e.problems()).extracting(Problem::value).containsExactly("inc-nowhere");
  }

  @Test
  void unlinkTakesTheIncidentAndItsMatchOffNeedsAReasonAndRefusesAnIncidentNotLinked() {
    ledger.link(RecordType.CASE, CASE, List.of(INC1, INC2), Optional.of(possible), OptionalLong.empty(), new Meta("ana", "provisional"));
    var e = refused(() -> ledger.unlink(RecordType.CASE, CASE, List.of(INC1), OptionalLong.empty(), new Meta("ana", "")));
    assertThat(e.problems()).extracting(Problem::field).containsExactly("reason");
    e = refused(() -> ledger.unlink(RecordType.CASE, CASE, List.of("inc-raqqa-amnesty-3"), OptionalLong.empty(), new Meta("ana", "wrong")));
    assertThat(e.problems()).extracting(Problem::rule).singleElement().asString().startsWith("not linked to " + CASE);

    ledger.unlink(RecordType.CASE, CASE, List.of(INC1), OptionalLong.empty(), new Meta("ben", "the letter was about another strike"));
    assertThat(kase().incidents()).containsExactly(INC2);
    assertThat(kase().matches()).containsOnlyKeys(INC2);
    assertThat(ledger.list(RecordType.CASE, RecordQuery.live().withIncident(INC1))).extracting(s -> s.id()).doesNotContain(CASE);
    assertThat(ledger.list(RecordType.CASE, RecordQuery.live().withIncident(INC2))).extracting(s -> s.id()).contains(CASE);
    HistoryItem last = ledger.history(RecordType.CASE, CASE).getLast();
    assertThat(last.action()).isEqualTo("unlink");
    assertThat(last.reason()).isEqualTo("the letter was about another strike");
    assertThat(ledger.verify(Optional.empty(), x -> {}).ok()).isTrue();
  }

  @Test
  void aVictimIsUnlinkedOnlyFromItsOwnIncident() {
    String victim = victim();
    ledger.link(RecordType.VICTIM, victim, List.of(INC1), Optional.empty(), OptionalLong.empty(), new Meta("ana", "named in the report"));
    var e = refused(() -> ledger.unlink(RecordType.VICTIM, victim, List.of(INC2), OptionalLong.empty(), new Meta("ana", "wrong")));
    assertThat(e.problems()).extracting(Problem::rule).containsExactly("not " + victim + "'s incident (" + INC1 + ")");
    ledger.unlink(RecordType.VICTIM, victim, List.of(INC1), OptionalLong.empty(), new Meta("ana", "another strike"));
    assertThat(ledger.get(RecordType.VICTIM, victim).as(org.harmledger.domain.Victim.class).incident()).isEmpty();
    assertThat(ledger.verify(Optional.empty(), x -> {}).ok()).isTrue();
  }

  String victim() {
    var v = org.harmledger.ledger.Json.read("""
        {"name_latin":"Mohammed al-Najjar","sex":"male","outcome":"killed","sources":["ritzau-2018-06"],"confidential":false}""", org.harmledger.domain.Victim.class);
    return ledger.create(v, new Meta("ana", "from the report")).id();
  }

  @Test
  void aMatchForAnIncidentTheCaseDoesNotHaveIsRefusedOnCreate() {
    Case base = kase();
    Case bad = new Case("case-new", base.belligerent(), base.campaign(), Optional.empty(), List.of(INC1), base.history().subList(0, 1), Optional.empty(),
        new java.util.TreeMap<>(java.util.Map.of(INC2, probable)));
    var e = refused(() -> ledger.create(bad, new Meta("ana", "r")));
    assertThat(e.problems()).extracting(Problem::field).containsExactly("matches." + INC2);
  }

  @Test
  void matchesSurviveExportAndImportAndACaseWithoutMatchesIsWrittenAsBefore() {
    String before = ledger.get(RecordType.CASE, CASE).payload();
    assertThat(before).doesNotContain("matches");
    ledger.link(RecordType.CASE, CASE, List.of(INC1), Optional.of(probable), OptionalLong.empty(), new Meta("ana", "letter"));
    ledger.unlink(RecordType.CASE, CASE, List.of(INC1), OptionalLong.empty(), new Meta("ana", "wrong strike"));
    ledger.link(RecordType.CASE, CASE, List.of(INC2), Optional.of(possible), OptionalLong.empty(), new Meta("ana", "candidate"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LedgerFile.export(store, out, x -> {});
    try (SqliteLedgerStore copy = SqliteLedgerStore.open(dir.resolve("copy.db"))) {
      LedgerService restored = new LedgerService(copy);
      LedgerFile.importInto(copy, new ByteArrayInputStream(out.toByteArray()), x -> {});
      assertThat(restored.verify(Optional.empty(), x -> {}).ok()).isTrue();
      assertThat(restored.get(RecordType.CASE, CASE).as(Case.class)).isEqualTo(kase());
      assertThat(restored.history(RecordType.CASE, CASE)).extracting(HistoryItem::action).endsWith("link", "unlink", "link");
    }
  }
}
