package org.harmledger.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.harmledger.store.LedgerReader;
import org.harmledger.store.LedgerStore;
import org.harmledger.store.LedgerWriter;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded default: one SQLite file (WAL, foreign keys on, full sync), migrated by Flyway on
 * open. Writes go through a single connection in IMMEDIATE transactions, so writers queue rather
 * than fail; reads use a small pool and see a consistent snapshot. Thread-safe.
 */
public final class SqliteLedgerStore implements LedgerStore {
  private final Path file;
  private final HikariDataSource writes;
  private final HikariDataSource reads;
  private final HikariDataSource side;

  private SqliteLedgerStore(Path file, HikariDataSource writes, HikariDataSource reads, HikariDataSource side) {
    this.file = file;
    this.writes = writes;
    this.reads = reads;
    this.side = side;
  }

  public static SqliteLedgerStore open(Path file) {
    return open(file, 2);
  }

  /** With {@code sideConnections} 0, imports look up on their own connection (tests use it). */
  static SqliteLedgerStore open(Path file, int sideConnections) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException("cannot create the folder for " + file, e);
    }
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    create(file, url);
    HikariDataSource writes = pool(url, 1, SQLiteConfig.TransactionMode.IMMEDIATE, "harmledger-writes", 262_144);
    try {
      Flyway.configure()
          .dataSource(writes)
          .locations("classpath:db/migration/sqlite")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      writes.close();
      throw new StoreException("cannot open " + file + " as a Harm Ledger database", e);
    }
    HikariDataSource reads = pool(url, 4, SQLiteConfig.TransactionMode.DEFERRED, "harmledger-reads", 65_536);
    // Second connections an import borrows for its look-ups while its writer thread runs. When
    // none is free, the import waits a quarter of a second at most and then looks up on its own
    // connection, waiting for the writer each time (slower, never stuck behind busy readers).
    HikariDataSource side = null;
    if (sideConnections > 0) {
      side = pool(url, sideConnections, SQLiteConfig.TransactionMode.DEFERRED, "harmledger-side", 65_536);
      side.setMinimumIdle(0);
      side.setConnectionTimeout(250);
    }
    return new SqliteLedgerStore(file, writes, reads, side);
  }

  /**
   * Pages of 16 KiB for a new file, not SQLite's default 4 KiB: an import writes six B-trees per
   * claim, and with larger pages it splits and writes fewer of them (BENCHMARKS.md, issue 2). A
   * page size is fixed when the file is made, so an existing file keeps its own.
   */
  static final int PAGE_SIZE = 16_384;

  /** Makes the file with {@link #PAGE_SIZE} pages, in WAL mode, if it does not exist yet. */
  private static void create(Path file, String url) {
    try {
      if (Files.exists(file) && Files.size(file) > 0) return;
    } catch (IOException e) {
      throw new StoreException("cannot read " + file, e);
    }
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl(url);
    try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
      st.execute("PRAGMA page_size = " + PAGE_SIZE);
      st.execute("PRAGMA journal_mode = WAL"); // the first write: the file is made with that page size
    } catch (SQLException e) {
      throw new StoreException("cannot create " + file, e);
    }
  }

  private static HikariDataSource pool(String url, int size, SQLiteConfig.TransactionMode mode, String name, int cacheKiB) {
    SQLiteConfig cfg = new SQLiteConfig();
    cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
    cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    cfg.enforceForeignKeys(true);
    cfg.setBusyTimeout(30_000);
    cfg.setTransactionMode(mode);
    // A large page cache (256 MiB for the one writer, 64 MiB per reader) and memory-mapped reads:
    // imports touch several B-trees per record, and with the default 2 MiB cache a big import
    // spills dirty pages mid-transaction and re-reads index pages once a ledger passes ~100k records.
    cfg.setCacheSize(-cacheKiB);
    cfg.setPragma(SQLiteConfig.Pragma.MMAP_SIZE, String.valueOf(256L * 1024 * 1024));
    cfg.setTempStore(SQLiteConfig.TempStore.MEMORY);
    SQLiteDataSource ds = new SQLiteDataSource(cfg);
    ds.setUrl(url);
    HikariConfig hc = new HikariConfig();
    hc.setDataSource(ds);
    hc.setMaximumPoolSize(size);
    hc.setMinimumIdle(1);
    hc.setPoolName(name);
    hc.setAutoCommit(true);
    return new HikariDataSource(hc);
  }

  @Override
  public <T> T write(Function<LedgerWriter, T> work) {
    return inTransaction(writes, side, work::apply);
  }

  @Override
  public <T> T read(Function<LedgerReader, T> work) {
    return inTransaction(reads, null, work::apply);
  }

  /** {@code side}: for a write, the pool a long import's look-ups may borrow a connection from. */
  private static <T> T inTransaction(HikariDataSource ds, HikariDataSource side, Function<SqlSession, T> work) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (java.sql.Statement st = c.createStatement()) {
        // Batched inserts reach the tables grouped by table, not in the order they were made:
        // check foreign keys at commit, when every row is in.
        st.execute("PRAGMA defer_foreign_keys = ON");
      }
      try (SqlSession s = new SqlSession(c, side == null ? null : () -> borrow(side))) {
        T result = work.apply(s);
        s.flush();
        c.commit();
        return result;
      } catch (RuntimeException | Error | SQLException e) {
        // Whatever failed (the work, a batch, or the commit itself on a deferred foreign key),
        // nothing of this transaction stays.
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("database error on " + ds.getPoolName(), e);
    }
  }

  /** A side connection, or null when none is free within the pool's short timeout. */
  private static Connection borrow(HikariDataSource side) throws SQLException {
    try {
      return side.getConnection();
    } catch (java.sql.SQLTransientConnectionException busy) {
      return null;
    }
  }

  @Override
  public String describe() {
    return "sqlite:" + file.toAbsolutePath();
  }

  public Path file() {
    return file;
  }

  @Override
  public void close() {
    if (side != null) side.close();
    reads.close();
    writes.close();
  }
}
