package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.LedgerService;
import org.harmledger.service.VerifyReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changes made behind the ledger's back, straight into the SQLite file as an attacker with the
 * sqlite3 tool would, must all be caught by verify, which names what is wrong.
 */
class TamperTest {
  @TempDir Path dir;
  Path file;

  @BeforeEach
  void demo() {
    file = dir.resolve("ledger.db");
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      DemoLedger.load(new LedgerService(store), Optional.empty());
    }
  }

  void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      s.execute("PRAGMA foreign_keys = OFF");
      for (String x : statements) s.executeUpdate(x);
    }
  }

  VerifyReport verify() {
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      return new LedgerService(store).verify(Optional.empty(), n -> {});
    }
  }

  @Test
  void intactLedgerVerifies() {
    assertThat(verify().ok()).isTrue();
  }

  @Test
  void editingAnEntrysPayloadIsCaught() throws Exception {
    sql("UPDATE ledger SET payload = replace(payload, '\"min\":23', '\"min\":2') WHERE record_id = 'clm-coalition-23'");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).contains("entry #", "clm-coalition-23", "do not match its hash");
  }

  @Test
  void editingAnEntryAndItsHashBreaksTheNextLink() throws Exception {
    // A cleverer attacker recomputes nothing but swaps in another entry's hash: the link after it breaks.
    sql("UPDATE ledger SET actor = 'someone else', hash = (SELECT hash FROM ledger WHERE seq = 1) WHERE seq = 5");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).contains("entry #5");
  }

  @Test
  void deletingAnEntryIsCaught() throws Exception {
    sql("DELETE FROM ledger WHERE seq = 7");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).contains("entry #8", "expected entry #7");
  }

  @Test
  void deletingTheLastEntryIsCaughtByTheStateTables() throws Exception {
    sql("DELETE FROM ledger WHERE seq = (SELECT max(seq) FROM ledger)");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).contains("claims row clm-coalition-180");
  }

  @Test
  void reorderingEntriesIsCaught() throws Exception {
    sql("UPDATE ledger SET seq = -1 WHERE seq = 3", "UPDATE ledger SET seq = 3 WHERE seq = 4", "UPDATE ledger SET seq = 4 WHERE seq = -1");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).contains("entry #3");
  }

  @Test
  void editingAStateTableIsCaughtAndNamesTheColumn() throws Exception {
    sql("UPDATE claims SET killed_min = 2, killed_max = 2 WHERE id = 'clm-coalition-23'");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).isEqualTo("claims row clm-coalition-23: column killed_min is '2' but the ledger says '23'");
  }

  // Changes that a faster comparison (texts instead of values, reals rounded) could miss.
  @Test
  void aRealChangedInItsLastDigitsIsCaught() throws Exception {
    sql("UPDATE incidents SET lat = lat + 1e-12 WHERE id = (SELECT min(id) FROM incidents WHERE lat IS NOT NULL)");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).matches("incidents row .*: column lat is '.*' but the ledger says '.*'");
  }

  @Test
  void aBlobWrittenByHandIsCaughtAndNamed() throws Exception {
    sql("UPDATE claims SET status = CAST('accepted' AS BLOB) WHERE id = 'clm-coalition-23'");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).containsExactly("claims row clm-coalition-23: column status is X'6163636570746564' but the ledger says 'accepted'");
  }

  @Test
  void aTallyStillReadsTablesEditedByHand() throws Exception {
    // The tally reads each claim as one JSON text; a BLOB cannot go into JSON, and a number can
    // be where text belongs. The tally reads them as it would column by column (verify is what
    // says the tables were edited).
    var asOf = Optional.of(java.time.LocalDate.parse("2018-12-31"));
    // the demo's claim about four incidents (its aggregate claims are read column by column anyway)
    sql("UPDATE claims SET claimant_name = CAST('Amnesty' AS BLOB) WHERE id = 'clm-amnesty-70'");
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      var t = new LedgerService(store).tally(org.harmledger.service.DemoLedger.CAMPAIGN, asOf, org.harmledger.tally.TallyFilter.NONE);
      assertThat(t.killed().documented().min()).isEqualTo(70);
      assertThat(t.killed().documented().incidents()).isEqualTo(4);
    }
    sql("UPDATE claims SET claimant_name = 1234, killed_max = '70 dead' WHERE id = 'clm-amnesty-70'");
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      var t = new LedgerService(store).tally(org.harmledger.service.DemoLedger.CAMPAIGN, asOf, org.harmledger.tally.TallyFilter.NONE);
      assertThat(t.claims().get("clm-amnesty-70").claimant()).isEqualTo("1234");
      assertThat(t.killed().documented().max()).isEqualTo(70);
    }
    assertThat(verify().ok()).isFalse();
  }

  @Test
  void anInvisibleChangeIsSpelledOut() throws Exception {
    sql("UPDATE sources SET publisher = publisher || char(31) WHERE id = 'ritzau-2018-06'",
        "UPDATE incidents SET title = title || char(10) WHERE id = 'inc-raqqa-amnesty-1'");
    assertThat(verify().problems()).anySatisfy(p -> assertThat(p).startsWith("sources row ritzau-2018-06: column publisher is '").contains("\\u001F' but"))
        .anySatisfy(p -> assertThat(p).contains("column title is '…").contains("(1 of 4)\\n' (from character ").endsWith("but the ledger says '…ternational (1 of 4)'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"min", "max"})
  void aBlobInTheFirstOrLastRowIsCaughtOnce(String which) throws Exception {
    // verify reads rows packed as JSON, which cannot hold a BLOB: from that row on it reads
    // column by column, neither skipping a row nor reading one twice
    sql("UPDATE incidents SET title = CAST(title AS BLOB) WHERE id = (SELECT " + which + "(id) FROM incidents)");
    VerifyReport r = verify();
    assertThat(r.problems()).hasSize(1);
    assertThat(r.firstProblem()).startsWith("incidents row ").contains("column title is X'");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE claims SET killed_max = 23.5 WHERE id = 'clm-coalition-23'",
      "UPDATE sources SET publisher = publisher || char(10) WHERE id = 'ritzau-2018-06'",
      "UPDATE sources SET publisher = publisher || '\"' WHERE id = 'ritzau-2018-06'",
      "UPDATE claims SET killed_min = NULL WHERE id = 'clm-coalition-23'",
      "UPDATE incidents SET lat = NULL WHERE id = (SELECT min(id) FROM incidents WHERE lat IS NOT NULL)",
      // a separator, a text where an integer belongs, an empty text where NULL belongs and back
      "UPDATE sources SET publisher = publisher || char(31) WHERE id = 'ritzau-2018-06'",
      "UPDATE sources SET publisher = char(31) || publisher, kind = '' WHERE id = 'ritzau-2018-06'",
      "UPDATE claims SET killed_min = '23x' WHERE id = 'clm-coalition-23'",
      "UPDATE sources SET archive_sha256 = '' WHERE id = 'ritzau-2018-06'",
      "UPDATE sources SET published = NULL WHERE id = 'ritzau-2018-06'"
  })
  void aChangeOfKindOrEscapingIsCaught(String change) throws Exception {
    sql(change);
    VerifyReport r = verify();
    assertThat(r.ok()).as(change).isFalse();
    assertThat(r.problems()).hasSize(1);
    assertThat(r.firstProblem()).contains(": column ");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE sources SET publisher = 'Someone' WHERE id = 'ritzau-2018-06'",
      "UPDATE incidents SET grade = 'confirmed' WHERE id = 'inc-raqqa-amnesty-2'",
      "UPDATE incident_gradings SET grade = 'discounted' WHERE incident_id = 'inc-raqqa-amnesty-3'",
      "UPDATE cases SET entry_seq = entry_seq - 1 WHERE id = 'case-raqqa-reopened-4'",
      "UPDATE cases SET state = 'open' WHERE id = 'case-raqqa-reopened-4'",
      "UPDATE case_steps SET on_date = '2017-01-01' WHERE case_id = 'case-raqqa-new-1'",
      "DELETE FROM case_steps WHERE case_id = 'case-raqqa-reopened-2' AND n = 2",
      "DELETE FROM claim_incidents WHERE incident_id = 'inc-raqqa-amnesty-4'",
      "INSERT INTO claim_incidents (claim_id, incident_id) VALUES ('clm-coalition-23', 'inc-raqqa-amnesty-1')",
      "UPDATE campaigns SET end_date = '2018-12-31'",
      "UPDATE claims SET retracted = 'gone' WHERE id = 'clm-amnesty-hundreds'",
      "UPDATE claims SET version = 9 WHERE id = 'clm-amnesty-70'",
      "DELETE FROM claims WHERE id = 'clm-sdf-losses'"
  })
  void anyStateTableChangeIsCaught(String change) throws Exception {
    sql(change);
    VerifyReport r = verify();
    assertThat(r.ok()).as(change).isFalse();
    assertThat(r.problems()).isNotEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "UPDATE ledger SET action = 'ERASE' WHERE seq = 6",
      "UPDATE ledger SET record_type = 'NOTHING' WHERE seq = 6",
      "UPDATE ledger SET at = 'yesterday' WHERE seq = 6",
      "UPDATE ledger SET actor = 'someone else' WHERE seq = 6",
      "UPDATE ledger SET prev_hash = hash WHERE seq = 6",
      // verify reads an entry's text columns joined by U+001F; one typed into a column must not
      // shift the others (the row is read column by column, and its hash no longer matches)
      "UPDATE ledger SET actor = actor || char(31) WHERE seq = 6",
      "UPDATE ledger SET reason = char(31) || reason, actor = substr(actor, 1, 1) WHERE seq = 6",
      "INSERT INTO ledger SELECT seq + 1000, at, actor, reason, action, record_type, record_id, payload, prev_hash, hash FROM ledger WHERE seq = 6"
  })
  void anyLedgerColumnChangeIsCaughtAndNamesTheEntry(String change) throws Exception {
    sql(change);
    VerifyReport r = verify();
    assertThat(r.ok()).as(change).isFalse();
    assertThat(r.firstProblem()).as(change).contains("entry #");
  }

  @Test
  void anEntryWhoseTextHoldsTheUnitSeparatorStillVerifies() {
    // The service now refuses control characters other than tabs and line breaks, but ledgers
    // written before that rule (or restored from their exports) may hold the separator verify
    // joins an entry's columns with: such an entry is read column by column and verifies.
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      LedgerService l = new LedgerService(store);
      var claim = l.find(org.harmledger.domain.RecordType.CLAIM, "clm-coalition-23").orElseThrow();
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> l.retract(org.harmledger.domain.RecordType.CLAIM, "clm-coalition-23",
          java.util.OptionalLong.of(claim.version()), new org.harmledger.service.Meta("a\u001fb", "pasted"))))
          .isInstanceOf(org.harmledger.domain.ValidationException.class).hasMessageContaining("actor");
      appendAsAnEarlierBuildDid(store, org.harmledger.ledger.Action.RETRACT, claim.record(), claim, "a\u001fb", "pasted\u001f from a spreadsheet");
      // and in a state table's text column
      var source = l.find(org.harmledger.domain.RecordType.SOURCE, "ritzau-2018-06").orElseThrow();
      var tree = (com.fasterxml.jackson.databind.node.ObjectNode) org.harmledger.ledger.Json.tree(source.record());
      tree.put("publisher", "Ritzau\u001f(copy)");
      appendAsAnEarlierBuildDid(store, org.harmledger.ledger.Action.AMEND, org.harmledger.ledger.Json.convert(tree, org.harmledger.domain.Source.class), source, "t", "a separator in a publisher");
      assertThat(l.find(org.harmledger.domain.RecordType.SOURCE, "ritzau-2018-06").orElseThrow().payload()).contains("\\u001F");
    }
    VerifyReport r = verify();
    assertThat(r.problems()).isEmpty();
    assertThat(r.ok()).isTrue();
  }

  /** An entry appended as the service did before it refused control characters: chained and hashed, nothing checked. */
  private static void appendAsAnEarlierBuildDid(SqliteLedgerStore store, org.harmledger.ledger.Action action, org.harmledger.domain.LedgerRecord after,
      org.harmledger.ledger.StoredRecord before, String actor, String reason) {
    store.write(w -> {
      var head = w.head().orElseThrow();
      java.time.Instant at = head.at().plusSeconds(1);
      String payload = org.harmledger.ledger.Json.write(after);
      var unsigned = new org.harmledger.ledger.LedgerEntry(head.seq() + 1, at, actor, reason, action, after.type(), after.id(), payload, head.hash(), "");
      var entry = new org.harmledger.ledger.LedgerEntry(head.seq() + 1, at, actor, reason, action, after.type(), after.id(), payload, head.hash(),
          org.harmledger.ledger.Chain.hash(unsigned));
      w.append(entry, new org.harmledger.ledger.StoredRecord(after, before.version() + 1, before.createdSeq(), entry.seq(), before.createdAt(), at,
          action == org.harmledger.ledger.Action.RETRACT ? Optional.of(reason) : Optional.empty(), payload));
      return null;
    });
  }

  @Test
  void aHundredDifferencesAreListedAndTheRestCut() throws Exception {
    sql("INSERT INTO case_steps (case_id, n, state, on_date) WITH RECURSIVE k(n) AS (SELECT 100 UNION ALL SELECT n + 1 FROM k WHERE n < 250)"
        + " SELECT 'case-raqqa-new-1', n, 'open', '2018-01-01' FROM k");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.problems()).hasSize(101).last().isEqualTo("… stopped after 100 differences");
    assertThat(r.problems().subList(0, 100)).allSatisfy(p -> assertThat(p).startsWith("case_steps row case-raqqa-new-1/").endsWith("is not implied by the ledger (inserted or re-keyed by hand)"));
    assertThat(verify().problems()).as("the same list each time").isEqualTo(r.problems());
  }

  @Test
  void anArchivedCopyThatChangedIsCaught() throws Exception {
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      new LedgerService(store).archive("mct-2018-06-28", "original words".getBytes(), "text/plain", Optional.empty(), java.util.OptionalLong.empty(), new org.harmledger.service.Meta("t", "archive"));
    }
    assertThat(verify().ok()).isTrue();
    sql("UPDATE archives SET content = CAST('edited words' AS BLOB)");
    VerifyReport r = verify();
    assertThat(r.ok()).isFalse();
    assertThat(r.firstProblem()).contains("archive", "no longer match");
  }

  @Test
  void anAnchorCatchesALedgerCutBackWithItsState() throws Exception {
    String anchor = verify().headHash();
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      LedgerService l = new LedgerService(store);
      assertThat(l.verify(Optional.of(anchor), n -> {}).ok()).isTrue();
      assertThat(l.verify(Optional.of("f".repeat(64)), n -> {}).firstProblem()).contains("not in the chain");
    }
  }
}
