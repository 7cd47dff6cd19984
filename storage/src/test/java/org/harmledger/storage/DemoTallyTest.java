package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.LedgerService;
import org.harmledger.tally.TallyFilter;
import org.harmledger.tally.TallyReport;
import org.junit.jupiter.api.Test;

class DemoTallyTest extends DemoFileTest {
  @Test
  void endOf2018ShowsTheSeedStorysFigures() {
    TallyReport t = ledger.tally(DemoLedger.CAMPAIGN, Optional.of(LocalDate.parse("2018-12-31")), TallyFilter.NONE);
    assertThat(t.killed().official().min()).isEqualTo(23);
    assertThat(t.killed().official().max()).isEqualTo(23);
    assertThat(t.killed().independent().min()).isEqualTo(200);
    assertThat(t.killed().independent().max()).isNull();
    assertThat(t.killed().documented().min()).isEqualTo(70);
    assertThat(t.killed().documented().max()).isEqualTo(70);
    assertThat(t.killed().documented().incidents()).isEqualTo(4);
    assertThat(t.killed().documented().byGrading()).containsOnlyKeys("weak");
    assertThat(t.injured().independent().min()).isEqualTo(2000);
    assertThat(t.cases().reopened()).isEqualTo(4);
    assertThat(t.cases().opened()).isEqualTo(5);
    assertThat(t.cases().nonCredible()).isEqualTo(1);
    assertThat(t.cases().closed()).isEqualTo(1);
    assertThat(t.killed().ratio().min()).isEqualTo(8.7);
    assertThat(t.killed().official().claims()).containsExactly("clm-coalition-23");
  }

  @Test
  void laterClaimsOfTheSameClaimantSupersedeEarlierOnes() {
    TallyReport t = ledger.tally(DemoLedger.CAMPAIGN, Optional.of(LocalDate.parse("2019-12-31")), TallyFilter.NONE);
    assertThat(t.killed().official().min()).isEqualTo(180);
    assertThat(t.killed().independent().min()).isEqualTo(1601);
    assertThat(t.superseded()).extracting(s -> s.claim() + ">" + s.by())
        .contains("clm-coalition-23>clm-coalition-180", "clm-amnesty-hundreds>clm-rvr-1600");
    // Amnesty's 2019 claim gives no injured figure, so its 2018 "thousands" still stands for injured.
    assertThat(t.injured().independent().min()).isEqualTo(2000);
  }

  @Test
  void beforeTheStoryThereIsNothingToCount() {
    TallyReport t = ledger.tally(DemoLedger.CAMPAIGN, Optional.of(LocalDate.parse("2018-01-01")), TallyFilter.NONE);
    assertThat(t.killed().official().known()).isFalse();
    assertThat(t.killed().documented().known()).isFalse();
    assertThat(t.cases().opened()).isZero();
  }

  @Test
  void demoLedgerVerifies() {
    var report = ledger.verify(Optional.empty(), n -> {});
    assertThat(report.problems()).isEmpty();
    assertThat(report.ok()).isTrue();
    assertThat(report.entries()).isGreaterThan(20);
  }

  @Test
  void withTheSharedFolderTheSeedStoryIsArchivedWithItsSha256() throws Exception {
    Path shared = Path.of(System.getProperty("harmledger.shared", "../shared"));
    Path seed = shared.resolve(DemoLedger.SEED_FILE);
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(seed),
        "skipped: the shared folder with the seed story (" + seed + ") is not here; a clone outside the workplace has none");
    try (SqliteLedgerStore other = SqliteLedgerStore.open(dir.resolve("with-seed.db"))) {
      LedgerService l = new LedgerService(other);
      DemoLedger.load(l, Optional.of(shared));
      var archive = l.get(org.harmledger.domain.RecordType.SOURCE, "ritzau-2018-06").as(org.harmledger.domain.Source.class).archive().orElseThrow();
      byte[] bytes = java.nio.file.Files.readAllBytes(seed);
      assertThat(archive.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)));
      assertThat(l.archiveBytes(archive.sha256())).get().isEqualTo(bytes);
      assertThat(l.verify(Optional.empty(), n -> {}).ok()).isTrue();
    }
  }
}
