package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.io.RecordImport;
import org.harmledger.service.Meta;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.TallyFilter;
import org.junit.jupiter.api.Test;

/**
 * Imports larger than one batch of rows, which the store writes on a second thread while the
 * next batch is made, with look-ups answered from a second connection meanwhile: every row lands,
 * references to records of the same import and of the ledger before it are both checked, and a
 * batch the database refuses undoes the whole import.
 */
class LargeImportTest extends DemoFileTest {
  final Meta meta = new Meta("tester", "bulk import test");

  static final int INCIDENTS = 1_500;
  static final int CLAIMS = 4_000; // several batches of 1,000 rows, each claim two or three rows

  static ByteArrayInputStream utf8(CharSequence s) {
    return new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  static String incidentsCsv() {
    StringBuilder csv = new StringBuilder("id,campaign,title,start,end,place\n");
    for (int i = 0; i < INCIDENTS; i++) csv.append("bulk-inc-").append(i).append(",raqqa-2017,Bulk ").append(i).append(",2017-07-01,2017-07-02,Raqqa\n");
    return csv.toString();
  }

  /** Claims on the new incidents (and, every tenth, on one of the demo's), killed = 1 + i % 7. */
  static StringBuilder claimsCsv() {
    StringBuilder csv = new StringBuilder("id,source,incident,killed,date\n");
    for (int i = 0; i < CLAIMS; i++) {
      String incident = i % 10 == 9 ? "inc-raqqa-amnesty-" + (1 + i % 4) : "bulk-inc-" + (i % INCIDENTS);
      csv.append("bulk-clm-").append(i).append(",ritzau-2018-06,").append(incident).append(',').append(1 + i % 7).append(",2018-06-01\n");
    }
    return csv;
  }

  @Test
  void everyRowOfAManyBatchImportLandsAndTheLedgerVerifies() {
    long before = entries();
    int documentedBefore = ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().documented().incidents();
    assertThat(RecordImport.incidentsCsv(ledger, utf8(incidentsCsv()), meta)).hasSize(INCIDENTS);
    assertThat(RecordImport.claimsCsv(ledger, utf8(claimsCsv()), meta)).hasSize(CLAIMS);

    assertThat(entries()).isEqualTo(before + INCIDENTS + CLAIMS);
    assertThat(ledger.listAll(RecordType.CLAIM, RecordQuery.live().withIncident("bulk-inc-1498"))).extracting(s -> s.id())
        .containsExactlyInAnyOrder("bulk-clm-1498", "bulk-clm-2998");
    long killedOnBulk = 0;
    for (int i = 0; i < CLAIMS; i++) if (i % 10 != 9) killedOnBulk += 1 + i % 7;
    long sum = store.read(r -> ((SqlSession) r).query("SELECT sum(killed_min) FROM claims WHERE id LIKE 'bulk-clm-%' AND scope_key LIKE '%bulk-inc-%'",
        rs -> rs.getLong(1)).get(0));
    assertThat(sum).isEqualTo(killedOnBulk);
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
    // a tenth of the new incidents (numbers ending in 9) have no claim: their claims went to the demo's
    assertThat(ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().documented().incidents())
        .isEqualTo(documentedBefore + INCIDENTS - INCIDENTS / 10);
  }

  @Test
  void withoutASecondConnectionTheLookUpsWaitForTheWriterAndEveryRowStillLands() {
    store.close();
    store = SqliteLedgerStore.open(dir.resolve("l.db"), 0); // as when both side connections are busy
    ledger = new org.harmledger.service.LedgerService(store);
    long before = entries();
    RecordImport.incidentsCsv(ledger, utf8(incidentsCsv()), meta);
    StringBuilder csv = claimsCsv().append("clm-amnesty-70,ritzau-2018-06,bulk-inc-1,1,2018-06-01\n");
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, utf8(csv), meta))
        .isInstanceOf(ValidationException.class).hasMessageContaining("already has this id");
    assertThat(RecordImport.claimsCsv(ledger, utf8(claimsCsv()), meta)).hasSize(CLAIMS);
    assertThat(entries()).isEqualTo(before + INCIDENTS + CLAIMS);
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void readsLaterInTheSameTransactionSeeEveryRowTheImportWrote() {
    long count = ledger.atomically(tx -> {
      RecordImport.incidentsCsv(tx, utf8(incidentsCsv()), meta);
      RecordImport.claimsCsv(tx, utf8(claimsCsv()), meta);
      return (long) tx.listAll(RecordType.CLAIM, RecordQuery.live().withIncident("bulk-inc-1498")).size()
          + tx.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().documented().incidents();
    });
    int documented = ledger.tally("raqqa-2017", Optional.empty(), TallyFilter.NONE).killed().documented().incidents();
    assertThat(count).isEqualTo(2 + documented);
  }

  @Test
  void badRowsLateInAManyBatchImportAreAllReportedAndNothingIsWritten() {
    RecordImport.incidentsCsv(ledger, utf8(incidentsCsv()), meta);
    long before = entries();
    StringBuilder csv = claimsCsv();
    // after several batches have gone to the database: an id the ledger had before this import
    // (answered by the second connection), an id repeated within it (answered by the caches),
    // and an incident that does not exist
    csv.append("clm-amnesty-70,ritzau-2018-06,bulk-inc-1,1,2018-06-01\n");
    csv.append("bulk-clm-5,ritzau-2018-06,bulk-inc-1,1,2018-06-01\n");
    csv.append("bulk-clm-x,ritzau-2018-06,no-such-incident,1,2018-06-01\n");
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, utf8(csv), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " " + p.value() + " " + p.rule())
            .containsExactly(
                "row " + (CLAIMS + 2) + ": id clm-amnesty-70 another claim already has this id",
                "row " + (CLAIMS + 3) + ": id bulk-clm-5 another claim already has this id",
                "row " + (CLAIMS + 4) + ": incident no-such-incident no incident has this id"));
    assertThat(entries()).isEqualTo(before);
    assertThat(ledger.listAll(RecordType.CLAIM, RecordQuery.live().withIncident("bulk-inc-1"))).isEmpty();
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void anImportAboutMoreRecordsThanItCanLookUpOneByOneReadsThemAllAndStillTellsLiveRetractedAndMissingApart() {
    // More distinct incidents than SqlSession.LOAD_STATES_AFTER, all from an earlier transaction:
    // the import's look-ups switch to one scan of the incidents part way through.
    int incidents = SqlSession.LOAD_STATES_AFTER + 700;
    StringBuilder inc = new StringBuilder("id,campaign,title,start,end,place\n");
    for (int i = 0; i < incidents; i++) inc.append("many-inc-").append(i).append(",raqqa-2017,Many ").append(i).append(",2017-07-01,2017-07-02,Raqqa\n");
    RecordImport.incidentsCsv(ledger, utf8(inc), meta);
    ledger.retract(RecordType.INCIDENT, "many-inc-" + (incidents - 3), java.util.OptionalLong.empty(), meta);
    long before = entries();

    StringBuilder claims = new StringBuilder("id,source,incident,killed,date\n");
    for (int i = 0; i < incidents; i++) {
      if (i == incidents - 3) continue; // the retracted one, asked about below, after the scan
      claims.append("many-clm-").append(i).append(",ritzau-2018-06,many-inc-").append(i).append(",1,2018-06-01\n");
    }
    claims.append("many-clm-r,ritzau-2018-06,many-inc-").append(incidents - 3).append(",1,2018-06-01\n");
    claims.append("many-clm-x,ritzau-2018-06,many-inc-").append(incidents).append(",1,2018-06-01\n");
    claims.append("clm-amnesty-70,ritzau-2018-06,many-inc-1,1,2018-06-01\n"); // a claim id the ledger had before
    claims.append("many-clm-7,ritzau-2018-06,many-inc-1,1,2018-06-01\n"); // a claim id this import used
    int rows = incidents - 1;
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, utf8(claims), meta))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).problems()).extracting(p -> p.field() + " " + p.value() + " " + p.rule())
            .containsExactly(
                "row " + (rows + 2) + ": incident many-inc-" + (incidents - 3) + " this incident was retracted",
                "row " + (rows + 3) + ": incident many-inc-" + incidents + " no incident has this id",
                "row " + (rows + 4) + ": id clm-amnesty-70 another claim already has this id",
                "row " + (rows + 5) + ": id many-clm-7 another claim already has this id"));
    assertThat(entries()).isEqualTo(before);

    // Without the bad rows, and with incidents made in the same transaction after the scan.
    int count = ledger.atomically(tx -> {
      StringBuilder good = new StringBuilder(claims.substring(0, claims.indexOf("many-clm-r,")));
      int n = RecordImport.claimsCsv(tx, utf8(good), meta).size();
      RecordImport.incidentsCsv(tx, utf8("id,campaign,title,start,end,place\nmany-inc-new,raqqa-2017,New,2017-07-01,2017-07-02,Raqqa\n"), meta);
      return n + RecordImport.claimsCsv(tx, utf8("id,source,incident,killed,date\nmany-clm-new,ritzau-2018-06,many-inc-new,1,2018-06-01\n"), meta).size();
    });
    assertThat(count).isEqualTo(rows + 1);
    assertThat(entries()).isEqualTo(before + rows + 2);
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  @Test
  void aBatchTheDatabaseRefusesUndoesTheWholeImportAndTheStoreStaysUsable() throws Exception {
    RecordImport.incidentsCsv(ledger, utf8(incidentsCsv()), meta);
    long before = entries();
    // A refusal only the database knows of, met by the writer thread in the third batch or so.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file().toAbsolutePath()); Statement st = c.createStatement()) {
      st.execute("CREATE TRIGGER refuse_one BEFORE INSERT ON claims WHEN NEW.id = 'bulk-clm-1777' BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END");
    }
    assertThatThrownBy(() -> RecordImport.claimsCsv(ledger, utf8(claimsCsv()), meta))
        .isInstanceOf(StoreException.class)
        .satisfies(e -> assertThat(causes(e)).contains("refused by test trigger"));
    assertThat(entries()).isEqualTo(before);
    long written = store.read(r -> ((SqlSession) r).query("SELECT count(*) FROM claims WHERE id LIKE 'bulk-clm-%'", rs -> rs.getLong(1)).get(0));
    assertThat(written).isZero();
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();

    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.file().toAbsolutePath()); Statement st = c.createStatement()) {
      st.execute("DROP TRIGGER refuse_one");
    }
    assertThat(RecordImport.claimsCsv(ledger, utf8(claimsCsv()), meta)).hasSize(CLAIMS);
    assertThat(entries()).isEqualTo(before + CLAIMS);
    assertThat(ledger.verify(Optional.empty(), n -> {}).ok()).isTrue();
  }

  private static String causes(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) s.append(t.getMessage()).append(" | ");
    return s.toString();
  }
}
