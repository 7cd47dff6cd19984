package org.harmledger.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Grading;
import org.harmledger.domain.RecordType;
import org.harmledger.io.RecordImport;
import org.harmledger.ledger.Json;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.LedgerService;
import org.harmledger.service.Meta;
import org.harmledger.storage.SqliteLedgerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident list kept across writes: after each kind of write, the rows brought up to date
 * (reading only the incidents the writes touched) equal the rows of a new index reading the
 * campaign whole, and the kept index never reads the campaign whole again.
 */
class IncidentIndexTest {
  static final String CAMPAIGN = "raqqa-2017";
  static final LocalDate DATE = LocalDate.parse("2030-01-01");

  @TempDir Path dir;
  SqliteLedgerStore store;
  LedgerService ledger;
  final Meta meta = new Meta("tester", "test");

  @BeforeEach
  void open() {
    store = SqliteLedgerStore.open(dir.resolve("index.db"));
    ledger = new LedgerService(store);
    DemoLedger.load(ledger, Optional.empty());
  }

  @AfterEach
  void close() {
    store.close();
  }

  void jsonLines(String lines) {
    RecordImport.jsonLines(ledger, new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), meta);
  }

  void sameAsAWholeRead(IncidentIndex kept) {
    assertThat(kept.rows(CAMPAIGN, DATE).all()).isEqualTo(new IncidentIndex(ledger).rows(CAMPAIGN, DATE).all());
  }

  @Test
  void afterEveryKindOfWriteTheKeptRowsEqualAWholeRead() {
    IncidentIndex kept = new IncidentIndex(ledger);
    int before = kept.rows(CAMPAIGN, DATE).all().size();
    assertThat(kept.wholeReads.get()).isEqualTo(1);

    jsonLines("""
        {"type":"campaign","id":"elsewhere","name":"Elsewhere","area":{"name":"Elsewhere"},"period":{"start":"2017-01-01","end":"2017-12-31"},"parties":["X"]}
        {"type":"incident","id":"inc-new","campaign":"raqqa-2017","title":"New","time":{"start":"2017-07-01","end":"2017-07-01"},"place":{"name":"Raqqa"}}
        {"type":"incident","id":"inc-other","campaign":"elsewhere","title":"Other","time":{"start":"2017-07-01","end":"2017-07-01"},"place":{"name":"Mosul"}}
        """);
    sameAsAWholeRead(kept);
    assertThat(kept.rows(CAMPAIGN, DATE).all()).hasSize(before + 1).extracting(IncidentIndex.Row::id).contains("inc-new").doesNotContain("inc-other");

    ledger.amend(RecordType.INCIDENT, "inc-new", Json.readTree("{\"title\":\"Renamed\"}"), OptionalLong.empty(), meta);
    sameAsAWholeRead(kept);
    assertThat(kept.rows(CAMPAIGN, DATE).all()).extracting(IncidentIndex.Row::title).contains("Renamed").doesNotContain("New");

    ledger.amend(RecordType.INCIDENT, "inc-other", Json.readTree("{\"campaign\":\"raqqa-2017\"}"), OptionalLong.empty(), meta);
    sameAsAWholeRead(kept);
    ledger.amend(RecordType.INCIDENT, "inc-new", Json.readTree("{\"campaign\":\"elsewhere\"}"), OptionalLong.empty(), meta);
    sameAsAWholeRead(kept);

    ledger.grade("inc-raqqa-amnesty-1", new Grading(Grade.CONTESTED, "a test", LocalDate.parse("2019-01-01")), OptionalLong.empty(), meta);
    jsonLines("""
        {"type":"claim","id":"clm-more","source":"ritzau-2018-06","subject":{"kind":"incident","incident":"inc-other"},"killed":{"min":3,"max":4}}
        """);
    sameAsAWholeRead(kept);
    assertThat(kept.rows(CAMPAIGN, DATE).all()).filteredOn(r -> r.id().equals("inc-other")).extracting(IncidentIndex.Row::killed).containsExactly(Optional.of(org.harmledger.domain.Range.between(3, 4)));

    ledger.retract(RecordType.CLAIM, "clm-more", OptionalLong.empty(), meta);
    ledger.retract(RecordType.INCIDENT, "inc-other", OptionalLong.empty(), meta);
    sameAsAWholeRead(kept);
    assertThat(kept.rows(CAMPAIGN, DATE).all()).hasSize(before);
    assertThat(kept.wholeReads.get()).as("every write above was taken in by reading what it touched").isEqualTo(1);

    // a change to the campaign itself reads it whole again
    ledger.amend(RecordType.CAMPAIGN, CAMPAIGN, Json.readTree("{\"name\":\"Raqqa, 2017\"}"), OptionalLong.empty(), meta);
    sameAsAWholeRead(kept);
    assertThat(kept.wholeReads.get()).isEqualTo(2);
  }

  @Test
  void thePlaceSearchFindsAnIncidentByItsPlaceInAnotherLanguageOrAnotherDatasetsCode() {
    jsonLines("""
        {"type":"incident","id":"inc-badu","campaign":"raqqa-2017","title":"Strike on a market","time":{"start":"2017-08-20","end":"2017-08-20"},"place":{"name":"al-Badu market","names":{"ar":"سوق البدو"}},"codes":["airwars:CS1234","ucdp-ged:244001"]}
        """);
    IncidentIndex index = new IncidentIndex(ledger);
    java.util.function.Function<String, java.util.List<String>> search = text -> IncidentIndex.filter(index.rows(CAMPAIGN, DATE),
        new IncidentIndex.Query(Optional.empty(), text, "", "", 0, "date", false, 1, 50)).stream().map(IncidentIndex.Row::id).toList();
    assertThat(search.apply("سوق البدو")).containsExactly("inc-badu");
    assertThat(search.apply("AIRWARS:cs1234")).as("a code, whatever its case").containsExactly("inc-badu");
    assertThat(search.apply("244001")).containsExactly("inc-badu");
    assertThat(search.apply("al-badu")).containsExactly("inc-badu");
    assertThat(search.apply("cs9999")).isEmpty();
  }
}
