package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.ClaimStatus;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Grading;
import org.harmledger.domain.RecordType;
import org.harmledger.io.RecordImport;
import org.harmledger.ledger.Json;
import org.harmledger.service.Meta;
import org.harmledger.tally.Tally;
import org.harmledger.tally.TallyFacts;
import org.harmledger.tally.TallyFilter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tally facts brought up to date after a write (reading only what changed) must equal the facts
 * read whole: after every kind of write that can move a figure, the two give the same tally, to
 * the last claim in its basis, on several dates.
 */
class TallyFactsUpdateTest extends DemoFileTest {
  static final String CAMPAIGN = "raqqa-2017";
  static final List<LocalDate> DATES = List.of(LocalDate.parse("2017-12-31"), LocalDate.parse("2018-12-31"), LocalDate.parse("2030-01-01"));

  final Meta meta = new Meta("tester", "test");
  TallyFacts facts;
  long seq;

  @BeforeEach
  void addClaimsOfAWitnessAndAnotherCampaign() {
    jsonLines("""
        {"type":"campaign","id":"elsewhere","name":"Elsewhere","area":{"name":"Elsewhere"},"period":{"start":"2017-01-01","end":"2017-12-31"},"parties":["X"]}
        {"type":"source","id":"wit-1","kind":"witness_testimony","publisher":"Field team","role":"witness","confidential":true,"secondary":false,"published":"2017-11-01"}
        {"type":"claim","id":"clm-wit-1","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-1"},"killed":{"min":9,"max":11}}
        {"type":"claim","id":"clm-wit-2","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-2"},"killed":{"min":30},"injured":{"min":4,"max":6}}
        """);
    snapshot();
  }

  void jsonLines(String lines) {
    RecordImport.jsonLines(ledger, new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), meta);
  }

  void snapshot() {
    facts = store.read(r -> r.tallyFacts(CAMPAIGN));
    seq = store.read(r -> r.head().orElseThrow().seq());
  }

  /** The facts updated from the last snapshot equal a whole read, in every tally; then they become the snapshot. */
  TallyFacts updatedEqualsWhole() {
    TallyFacts updated = store.read(r -> r.tallyFactsSince(facts, seq)).orElseThrow(() -> new AssertionError("no update: read whole instead"));
    TallyFacts whole = store.read(r -> r.tallyFacts(CAMPAIGN));
    for (LocalDate d : DATES) {
      for (boolean basis : List.of(true, false)) {
        assertThat(Json.write(Tally.compute(updated, d, TallyFilter.NONE, basis)))
            .as("tally on %s, basis %s", d, basis)
            .isEqualTo(Json.write(Tally.compute(whole, d, TallyFilter.NONE, basis)));
      }
    }
    assertThat(updated.claims()).isEqualTo(whole.claims());
    assertThat(updated.incidents()).isEqualTo(whole.incidents());
    assertThat(updated.cases()).isEqualTo(whole.cases());
    snapshot();
    return updated;
  }

  /** The whole tally, with the summaries of the claims behind it. */
  String tally(TallyFacts f) {
    return Json.write(Tally.compute(f, LocalDate.parse("2030-01-01"), TallyFilter.NONE, true));
  }

  @Test
  void everyKindOfWriteGivesTheSameFactsAsAWholeRead() {
    String before = tally(facts);
    ledger.amend(RecordType.CLAIM, "clm-wit-1", Json.readTree("{\"killed\":{\"min\":40,\"max\":45}}"), OptionalLong.empty(), meta);
    assertThat(tally(updatedEqualsWhole())).as("the amended figure is in the update").isNotEqualTo(before);

    jsonLines("""
        {"type":"claim","id":"clm-wit-3","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-3"},"killed":{"min":2,"max":3}}
        {"type":"claim","id":"clm-agg-new","source":"wit-1","subject":{"kind":"aggregate","campaign":"raqqa-2017"},"killed":{"min":500}}
        {"type":"claim","id":"clm-elsewhere","source":"wit-1","subject":{"kind":"aggregate","campaign":"elsewhere"},"killed":{"min":7}}
        {"type":"incident","id":"inc-new","campaign":"raqqa-2017","title":"New","time":{"start":"2017-07-01","end":"2017-07-01"},"place":{"name":"Raqqa"}}
        {"type":"claim","id":"clm-new","source":"wit-1","subject":{"kind":"incident","incident":"inc-new"},"killed":{"min":5,"max":5}}
        """);
    updatedEqualsWhole();

    ledger.grade("inc-new", new Grading(Grade.DISCOUNTED, "shown not to be civilian harm", LocalDate.parse("2018-01-10")), OptionalLong.empty(), meta);
    updatedEqualsWhole();
    ledger.grade("inc-raqqa-amnesty-2", new Grading(Grade.FAIR, "a second source", LocalDate.parse("2018-07-01")), OptionalLong.empty(), meta);
    updatedEqualsWhole();

    // an incident moves to another campaign: its claims leave this one's facts
    ledger.amend(RecordType.INCIDENT, "inc-new", Json.readTree("{\"campaign\":\"elsewhere\"}"), OptionalLong.empty(), meta);
    updatedEqualsWhole();
    ledger.amend(RecordType.INCIDENT, "inc-new", Json.readTree("{\"campaign\":\"raqqa-2017\",\"time\":{\"start\":\"2017-08-01\",\"end\":\"2017-08-02\"}}"), OptionalLong.empty(), meta);
    updatedEqualsWhole();

    // a source's role and date show in every one of its claims
    ledger.amend(RecordType.SOURCE, "wit-1", Json.readTree("{\"role\":\"independent_monitor\",\"confidential\":false,\"published\":\"2018-02-01\"}"), OptionalLong.empty(), meta);
    updatedEqualsWhole();

    ledger.review("clm-wit-3", ClaimStatus.REJECTED, OptionalLong.empty(), meta);
    updatedEqualsWhole();
    ledger.retract(RecordType.CLAIM, "clm-wit-2", OptionalLong.empty(), new Meta("tester", "entered twice"));
    updatedEqualsWhole();
    ledger.retract(RecordType.CLAIM, "clm-new", OptionalLong.empty(), new Meta("tester", "wrong incident"));
    ledger.retract(RecordType.INCIDENT, "inc-new", OptionalLong.empty(), new Meta("tester", "not an incident"));
    updatedEqualsWhole();

    ledger.transition("case-raqqa-new-1", new CaseStep(CaseState.CREDIBLE, LocalDate.parse("2019-01-15"), true, "conceded",
        Optional.empty(), Optional.of(org.harmledger.domain.Range.exactly(12)), Optional.empty(), Optional.empty(), Optional.empty()), OptionalLong.empty(), meta);
    String official = Json.write(Json.tree(Tally.compute(facts, LocalDate.parse("2030-01-01"), TallyFilter.NONE, false)).path("killed").path("official"));
    assertThat(Json.write(Json.tree(Tally.compute(updatedEqualsWhole(), LocalDate.parse("2030-01-01"), TallyFilter.NONE, false)).path("killed").path("official"))).as("the credible case's concession is in the update").isNotEqualTo(official);
  }

  @Test
  void aWriteNoTallyReadsKeepsTheSameFacts() {
    jsonLines("""
        {"type":"victim","name_latin":"A. Person","outcome":"killed","sources":["wit-1"],"confidential":false}
        """);
    TallyFacts updated = store.read(r -> r.tallyFactsSince(facts, seq)).orElseThrow();
    assertThat(updated).isSameAs(facts);
  }

  @Test
  void aWholeReadSeesOneStateEvenWhenAWriteLandsWhileItReads() throws Exception {
    // A write committed after this read began must not reach the facts it reads (they are read
    // with several queries; all must see the state as it was when the read began).
    TallyFacts read = store.read(r -> {
      long head = r.head().orElseThrow().seq(); // this read's state is fixed from here
      Thread writer = new Thread(() -> jsonLines("""
          {"type":"claim","id":"clm-late","source":"wit-1","subject":{"kind":"incident","incident":"inc-raqqa-amnesty-3"},"killed":{"min":5,"max":5}}
          """));
      writer.start();
      try {
        writer.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      long now = store.read(other -> other.head().orElseThrow().seq());
      assertThat(now).as("the write landed").isEqualTo(head + 1);
      return r.tallyFacts(CAMPAIGN);
    });
    assertThat(read.claims()).extracting(TallyFacts.ClaimFact::id).contains("clm-wit-1").doesNotContain("clm-late");
    assertThat(store.read(r -> r.tallyFacts(CAMPAIGN)).claims()).extracting(TallyFacts.ClaimFact::id).contains("clm-late");
  }

  @Test
  void theServicesTallyAfterAWriteEqualsAWholeRead() {
    TallyFacts first = ledger.facts(CAMPAIGN);
    ledger.amend(RecordType.CLAIM, "clm-wit-1", Json.readTree("{\"killed\":{\"min\":41,\"max\":41}}"), OptionalLong.empty(), meta);
    TallyFacts second = ledger.facts(CAMPAIGN);
    assertThat(second).isNotSameAs(first);
    assertThat(Json.write(ledger.tally(CAMPAIGN, Optional.of(LocalDate.parse("2030-01-01")), TallyFilter.NONE)))
        .isEqualTo(Json.write(Tally.compute(store.read(r -> r.tallyFacts(CAMPAIGN)), LocalDate.parse("2030-01-01"), TallyFilter.NONE, true)));
  }
}
