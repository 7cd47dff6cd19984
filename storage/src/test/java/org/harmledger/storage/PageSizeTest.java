package org.harmledger.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.harmledger.domain.RecordType;
import org.harmledger.service.LedgerService;
import org.harmledger.store.RecordQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new ledger file is made with 16 KiB pages in WAL mode; a file made before keeps its own pages. */
class PageSizeTest {
  @TempDir Path dir;

  @Test
  void aNewFileHasSixteenKibPagesAndIsInWalMode() throws Exception {
    Path file = dir.resolve("new.db");
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      org.harmledger.service.DemoLedger.load(new LedgerService(store), java.util.Optional.empty());
    }
    assertThat(pragma(file, "page_size")).isEqualTo(String.valueOf(SqliteLedgerStore.PAGE_SIZE)).isEqualTo("16384");
    assertThat(pragma(file, "journal_mode")).isEqualTo("wal");
  }

  @Test
  void aFileWithSmallerPagesKeepsThemAndWorks() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
      st.execute("PRAGMA page_size = 4096");
      st.execute("PRAGMA journal_mode = WAL");
    }
    try (SqliteLedgerStore store = SqliteLedgerStore.open(file)) {
      LedgerService ledger = new LedgerService(store);
      org.harmledger.service.DemoLedger.load(ledger, java.util.Optional.empty());
      assertThat(ledger.listAll(RecordType.INCIDENT, RecordQuery.live())).isNotEmpty();
      assertThat(ledger.verify(java.util.Optional.empty(), n -> {}).ok()).isTrue();
    }
    assertThat(pragma(file, "page_size")).isEqualTo("4096");
  }

  private static String pragma(Path file, String name) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
