package org.harmledger.store;

import java.util.function.Function;

/**
 * Where the ledger and its state tables live. Implementations (SQLite now, PostgreSQL later) keep
 * every write in one transaction and must hold no domain logic: the rules live in the services.
 * Implementations are thread-safe; readers and writers they hand out are not.
 */
public interface LedgerStore extends AutoCloseable {
  /** Runs {@code work} in one read-write transaction: all of it is written, or nothing. */
  <T> T write(Function<LedgerWriter, T> work);

  /** Runs {@code work} against a consistent read view. */
  <T> T read(Function<LedgerReader, T> work);

  /** A short description for messages, e.g. {@code sqlite:/path/to/ledger.db}. */
  String describe();

  @Override
  void close();
}
