package org.harmledger.storage;

import java.nio.file.Path;
import java.util.Optional;
import org.harmledger.service.DemoLedger;
import org.harmledger.service.LedgerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests on a real SQLite ledger file holding the demo ledger, opened fresh for each test. */
abstract class DemoFileTest {
  @TempDir Path dir;
  SqliteLedgerStore store;
  LedgerService ledger;

  @BeforeEach
  void openDemoLedger() {
    store = SqliteLedgerStore.open(dir.resolve("l.db"));
    ledger = new LedgerService(store);
    DemoLedger.load(ledger, Optional.empty());
  }

  @AfterEach
  void closeLedger() {
    store.close();
  }

  /** The ledger's length: its head entry's number. */
  long entries() {
    return store.read(r -> r.head().orElseThrow().seq());
  }
}
