package org.harmledger.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.Case;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Claimant;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.LedgerRecord;
import org.harmledger.domain.Range;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Role;
import org.harmledger.ledger.Action;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.LedgerEntry;
import org.harmledger.ledger.Replay;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.store.LedgerWriter;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.TallyFacts;

/**
 * One transaction's view of a SQL ledger store, in plain JDBC with standard SQL only, so that
 * the PostgreSQL store can reuse it. Plain JDBC rather than Jdbi here because the write path
 * keeps a handful of prepared statements open for the whole transaction (bulk imports run
 * through it at tens of thousands of records a second). Not thread-safe: one per transaction.
 */
class SqlSession implements LedgerWriter, AutoCloseable {
  private final Connection c;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final Map<Replay.Key, Optional<StoredRecord>> cache = new HashMap<>();
  private final Map<Replay.Key, org.harmledger.store.RecordState> states = new HashMap<>();
  private final Map<RecordType, Long> counts = new HashMap<>();
  private Optional<LedgerEntry> head;
  // Inserts of new rows wait in JDBC batches (one native call per batch, not per row) until the
  // next read, update or commit; reads of records created meanwhile are served from the caches.
  //
  // A transaction that fills a batch (an import) hands each full batch to a writer thread, which
  // binds and executes it while this thread makes the next one (reading, checking, hashing,
  // projecting): SQLite's inserts and that Java work each took about half of an import on one
  // core. The connection is never used by both threads at once: any other statement on it first
  // waits for the writer; look-ups by id use the side connection below instead. A transaction
  // that never fills a batch writes its rows at flush, on its own thread, and starts no other.
  private List<PreparedStatement> waitingStatements = new ArrayList<>(BATCH);
  private List<Object[]> waitingRows = new ArrayList<>(BATCH);
  private java.util.concurrent.ExecutorService writer; // started at the first full batch
  private java.util.concurrent.Future<?> writing;
  private static final int BATCH = 1000;

  // While the writer thread runs, look-ups by id (which the caches answer for every record this
  // transaction wrote) go to a second connection, so that they need not wait for the batch being
  // written: it sees the database as it was before this transaction, which holds the write lock.
  private final SideConnections side;
  private Connection sideConnection;
  private final Map<String, PreparedStatement> sideStatements = new HashMap<>();

  private boolean sideBusy; // none was free when asked: this transaction does without

  /** Where a transaction borrows a second, read-only connection to the same database. */
  @FunctionalInterface
  interface SideConnections {
    /** A connection, or null when none is free now. */
    Connection open() throws SQLException;
  }

  SqlSession(Connection c) {
    this(c, null);
  }

  SqlSession(Connection c, SideConnections side) {
    this.c = c;
    this.side = side;
  }

  /** Executes every waiting insert and waits for it. Called before any other statement and before commit. */
  void flush() {
    if (writer == null) {
      // a transaction that never filled a batch: written here, no second thread
      if (!waitingRows.isEmpty()) execute(takeWaitingStatements(), takeWaitingRows());
      return;
    }
    send();
    awaitWriter();
  }

  private List<PreparedStatement> takeWaitingStatements() {
    List<PreparedStatement> out = waitingStatements;
    waitingStatements = new ArrayList<>(BATCH);
    return out;
  }

  private List<Object[]> takeWaitingRows() {
    List<Object[]> out = waitingRows;
    waitingRows = new ArrayList<>(BATCH);
    return out;
  }

  /** Hands the waiting inserts to the writer thread (after the batch before them is done). */
  private void send() {
    if (waitingRows.isEmpty()) return;
    awaitWriter();
    List<PreparedStatement> statements = takeWaitingStatements();
    List<Object[]> rows = takeWaitingRows();
    if (writer == null) writer = java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofPlatform().name("harmledger-sql-writer").daemon().factory());
    writing = writer.submit(() -> execute(statements, rows));
  }

  /** Waits until the writer thread is idle; a batch that failed fails here. */
  private void awaitWriter() {
    if (writing == null) return;
    java.util.concurrent.Future<?> f = writing;
    writing = null;
    await(f, "writing a batch of rows");
  }

  /** Waits for work on another thread; what failed there fails here. */
  private static <T> T await(java.util.concurrent.Future<T> f, String doing) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while " + doing, e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof StoreException se ? se : new StoreException("failed while " + doing, e.getCause());
    }
  }

  /** Binds and executes one batch of inserts, a JDBC batch per statement in the order first used. */
  private static Void execute(List<PreparedStatement> statements, List<Object[]> rows) {
    java.util.LinkedHashSet<PreparedStatement> used = new java.util.LinkedHashSet<>();
    try {
      for (int i = 0; i < rows.size(); i++) {
        PreparedStatement ps = statements.get(i);
        bind(ps, rows.get(i));
        ps.addBatch();
        used.add(ps);
      }
      for (PreparedStatement ps : used) ps.executeBatch();
      return null;
    } catch (SQLException ex) {
      for (PreparedStatement ps : used) {
        try {
          ps.clearBatch();
        } catch (SQLException suppressed) {
          ex.addSuppressed(suppressed);
        }
      }
      throw new StoreException("could not write a batch of rows", ex);
    }
  }

  private void addBatch(PreparedStatement ps, Object[] row) {
    waitingStatements.add(ps);
    waitingRows.add(row);
    if (waitingRows.size() >= BATCH) send();
  }

  // ------------------------------------------------------------------ writes

  @Override
  public void append(LedgerEntry e, StoredRecord state) {
    try {
      PreparedStatement ps = statement("INSERT INTO ledger (seq, at, actor, reason, action, record_type, record_id, payload, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?)");
      addBatch(ps, new Object[] {e.seq(), e.at().toString(), e.actor(), e.reason(), e.action().name(), e.type().name(), e.recordId(), e.payload(), e.prevHash(), e.hash()});
      writeState(state, e.action() == Action.CREATE);
      head = Optional.of(e);
      Replay.Key key = new Replay.Key(state.type(), state.id());
      cache.put(key, Optional.of(state));
      states.put(key, state.isRetracted() ? org.harmledger.store.RecordState.RETRACTED : org.harmledger.store.RecordState.LIVE);
      if (e.action() == Action.CREATE) counts.computeIfPresent(state.type(), (t, n) -> n + 1);
    } catch (SQLException ex) {
      throw new StoreException("could not append ledger entry #" + e.seq(), ex);
    }
  }

  private void writeState(StoredRecord s, boolean created) throws SQLException {
    for (var t : Projection.rows(s).entrySet()) {
      Projection.Table table = t.getKey();
      if (!created) flush(); // updates and deletes run in order after every waiting insert
      if (table.child()) {
        if (!created) {
          PreparedStatement del = statement(table.deleteSql());
          del.setString(1, s.id());
          del.executeUpdate();
        }
        PreparedStatement ins = statement(table.insertSql());
        for (Object[] row : t.getValue()) {
          if (created) {
            addBatch(ins, row);
          } else {
            bind(ins, row);
            ins.executeUpdate();
          }
        }
      } else {
        PreparedStatement up = statement(created ? table.insertSql() : table.upsertSql());
        if (created) {
          addBatch(up, t.getValue().get(0));
        } else {
          bind(up, t.getValue().get(0));
          up.executeUpdate();
        }
      }
    }
  }

  private static void bind(PreparedStatement ps, Object[] row) throws SQLException {
    for (int i = 0; i < row.length; i++) {
      Object v = row[i];
      if (v == null) ps.setNull(i + 1, Types.NULL);
      else if (v instanceof Long l) ps.setLong(i + 1, l);
      else if (v instanceof Integer n) ps.setLong(i + 1, n);
      else if (v instanceof Double d) ps.setDouble(i + 1, d);
      else ps.setString(i + 1, v.toString());
    }
  }

  @Override
  public void putArchive(String sha256, String mediaType, byte[] bytes) {
    flush();
    try {
      PreparedStatement ps = statement("INSERT INTO archives (sha256, media_type, size, content) VALUES (?,?,?,?) ON CONFLICT (sha256) DO NOTHING");
      ps.setString(1, sha256);
      ps.setString(2, mediaType);
      ps.setLong(3, bytes.length);
      ps.setBytes(4, bytes);
      ps.executeUpdate();
    } catch (SQLException ex) {
      throw new StoreException("could not store archive " + sha256, ex);
    }
  }

  // ------------------------------------------------------------------ reads

  @Override
  public Optional<StoredRecord> find(RecordType type, String id) {
    Replay.Key key = new Replay.Key(type, id);
    Optional<StoredRecord> hit = cache.get(key);
    if (hit != null) return hit;
    Projection.Table t = Projection.tablesOf(type).get(0);
    Optional<StoredRecord> found = lookup(SELECT_RECORD + t.name() + " r JOIN ledger l ON l.seq = r.entry_seq WHERE r.id = ?",
        rs -> readRecord(type, rs), id).stream().findFirst();
    cache.put(key, found);
    return found;
  }

  private static final String SELECT_RECORD = "SELECT r.id, r.version, r.created_seq, r.entry_seq, r.created_at, r.updated_at, r.retracted, l.payload AS body FROM ";

  private static StoredRecord readRecord(RecordType type, ResultSet rs) throws SQLException {
    String body = rs.getString("body");
    LedgerRecord r = Json.read(body, type.recordClass());
    return new StoredRecord(r, rs.getLong("version"), rs.getLong("created_seq"), rs.getLong("entry_seq"), Instant.parse(rs.getString("created_at")),
        Instant.parse(rs.getString("updated_at")), Optional.ofNullable(rs.getString("retracted")), body);
  }

  @Override
  public org.harmledger.store.RecordState state(RecordType type, String id) {
    // Bulk imports ask about the same sources and incidents again and again: remember answers.
    Replay.Key key = new Replay.Key(type, id);
    org.harmledger.store.RecordState known = states.get(key);
    if (known != null) return known;
    if (statesLoaded.contains(type)) return org.harmledger.store.RecordState.MISSING;
    int misses = stateMisses.merge(type, 1, Integer::sum);
    if (misses >= LOAD_STATES_AFTER && misses >= count(type) / 16) {
      loadStates(type);
      return state(type, id);
    }
    Projection.Table t = Projection.tablesOf(type).get(0);
    List<Boolean> retracted = lookup("SELECT retracted IS NOT NULL FROM " + t.name() + " WHERE id = ?", rs -> rs.getBoolean(1), id);
    org.harmledger.store.RecordState found = retracted.isEmpty() ? org.harmledger.store.RecordState.MISSING
        : retracted.get(0) ? org.harmledger.store.RecordState.RETRACTED : org.harmledger.store.RecordState.LIVE;
    states.put(key, found);
    return found;
  }

  /**
   * After this many look-ups of one type's records that the caches could not answer (and at least
   * one for every 16 records of the type: a scan reads a row in a fraction of a look-up's time),
   * the rest of that type's records are read in one scan. An import of 300,000 claims about
   * 100,000 incidents otherwise asks SQLite 400,000 times, one id at a time: is each new claim's
   * id free, does each incident exist (BENCHMARKS.md, issue 2).
   */
  static final int LOAD_STATES_AFTER = 2_000;
  private final Map<RecordType, Integer> stateMisses = new java.util.EnumMap<>(RecordType.class);
  private final java.util.Set<RecordType> statesLoaded = java.util.EnumSet.noneOf(RecordType.class);

  /**
   * Every record of a type into {@link #states}. What this transaction wrote is there already and
   * stays (the scan may run on the side connection, which does not see it); any id the scan does
   * not find is then missing, unless this transaction writes it later, which puts it there too.
   */
  private void loadStates(RecordType type) {
    Projection.Table t = Projection.tablesOf(type).get(0);
    lookup("SELECT id, retracted IS NOT NULL FROM " + t.name(), rs -> {
      states.putIfAbsent(new Replay.Key(type, rs.getString(1)),
          rs.getBoolean(2) ? org.harmledger.store.RecordState.RETRACTED : org.harmledger.store.RecordState.LIVE);
      return null;
    });
    statesLoaded.add(type);
  }

  @Override
  public List<StoredRecord> list(RecordType type, RecordQuery q) {
    Projection.Table t = Projection.tablesOf(type).get(0);
    StringBuilder sql = new StringBuilder(SELECT_RECORD + t.name() + " r JOIN ledger l ON l.seq = r.entry_seq WHERE 1=1");
    List<Object> args = new ArrayList<>();
    if (!q.includeRetracted()) sql.append(" AND r.retracted IS NULL");
    if (q.campaign().isPresent()) {
      switch (type) {
        case INCIDENT, CASE, CLAIM -> { sql.append(" AND r.campaign_id = ?"); args.add(q.campaign().get()); }
        case CAMPAIGN -> { sql.append(" AND r.id = ?"); args.add(q.campaign().get()); }
        default -> {}
      }
    }
    if (q.victim().isPresent() && type == RecordType.LINK_DECISION) {
      sql.append(" AND (r.victim_a = ? OR r.victim_b = ?)");
      args.add(q.victim().get());
      args.add(q.victim().get());
    }
    if (q.source().isPresent()) {
      switch (type) {
        case CLAIM -> { sql.append(" AND r.source_id = ?"); args.add(q.source().get()); }
        case VICTIM -> { sql.append(" AND r.id IN (SELECT victim_id FROM victim_sources WHERE source_id = ?)"); args.add(q.source().get()); }
        default -> {}
      }
    }
    if (q.incident().isPresent()) {
      switch (type) {
        case CLAIM -> { sql.append(" AND r.id IN (SELECT claim_id FROM claim_incidents WHERE incident_id = ?)"); args.add(q.incident().get()); }
        case CASE -> { sql.append(" AND r.id IN (SELECT case_id FROM case_incidents WHERE incident_id = ?)"); args.add(q.incident().get()); }
        case VICTIM -> { sql.append(" AND r.incident_id = ?"); args.add(q.incident().get()); }
        case INCIDENT -> { sql.append(" AND r.id = ?"); args.add(q.incident().get()); }
        default -> {}
      }
    }
    sql.append(" ORDER BY r.created_seq LIMIT ? OFFSET ?");
    args.add(q.limit());
    args.add(q.offset());
    return query(sql.toString(), rs -> readRecord(type, rs), args.toArray());
  }

  @Override
  public long count(RecordType type) {
    return counts.computeIfAbsent(type, t -> query("SELECT count(*) FROM " + Projection.tablesOf(t).get(0).name(), rs -> rs.getLong(1)).get(0));
  }

  @Override
  public List<LedgerEntry> history(RecordType type, String id) {
    return query("SELECT " + ENTRY_COLUMNS + " FROM ledger WHERE record_type = ? AND record_id = ? ORDER BY seq", SqlSession::readEntry, type.name(), id);
  }

  @Override
  public Optional<LedgerEntry> head() {
    if (head == null) head = query("SELECT " + ENTRY_COLUMNS + " FROM ledger ORDER BY seq DESC LIMIT 1", SqlSession::readEntry).stream().findFirst();
    return head;
  }

  @Override
  public void forEachEntry(Consumer<LedgerEntry> sink) {
    flush();
    // A row's nine text columns come back as one text joined by U+001F (which the canonical JSON
    // payload never holds raw): a column's value is a native call and a copy through the driver,
    // and ten per entry were most of verify's reading. On the bench ledger's million entries:
    // 1.9 s against 3.2 s to read them all (same JVM, alternating). A row whose text does not
    // split into exactly nine (the separator in an actor or a reason, which are free text) is
    // read again column by column. (The state tables are packed as JSON instead: their columns
    // mix texts, integers and NULLs, which JSON keeps apart; these nine are all text, and a
    // split needs no parser.)
    try (PreparedStatement ps = c.prepareStatement(PACKED_ENTRIES)) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long seq = rs.getLong(1);
          LedgerEntry e = unpack(seq, rs.getString(2));
          sink.accept(e != null ? e : entryAt(seq));
        }
      }
    } catch (SQLException ex) {
      throw new StoreException("could not read the ledger", ex);
    }
  }

  private static final String ENTRY_COLUMNS = "seq, at, actor, reason, action, record_type, record_id, payload, prev_hash, hash";

  private static final char UNIT = '\u001f';

  private static final String PACKED_ENTRIES =
      "SELECT seq, at || char(31) || actor || char(31) || reason || char(31) || action || char(31) || record_type"
          + " || char(31) || record_id || char(31) || payload || char(31) || prev_hash || char(31) || hash FROM ledger ORDER BY seq";

  /** The entry in a packed row, or null when the text does not hold exactly nine fields. */
  private static LedgerEntry unpack(long seq, String packed) {
    if (packed == null) return null;
    String[] f = new String[9];
    int from = 0;
    for (int i = 0; i < 8; i++) {
      int to = packed.indexOf(UNIT, from);
      if (to < 0) return null;
      f[i] = packed.substring(from, to);
      from = to + 1;
    }
    if (packed.indexOf(UNIT, from) >= 0) return null;
    f[8] = packed.substring(from);
    return entry(seq, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8]);
  }

  private LedgerEntry entryAt(long seq) {
    return query("SELECT " + ENTRY_COLUMNS + " FROM ledger WHERE seq = ?", SqlSession::readEntry, seq).get(0);
  }

  /** Reads an entry from a row of {@link #ENTRY_COLUMNS}, in that order. */
  private static LedgerEntry readEntry(ResultSet rs) throws SQLException {
    return entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10));
  }

  private static LedgerEntry entry(long seq, String atText, String actor, String reason, String action, String type,
      String recordId, String payload, String prevHash, String hash) {
    Action a;
    RecordType t;
    try {
      a = Action.valueOf(action);
      t = RecordType.valueOf(type);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new StoreException("ledger entry #" + seq + " has an unknown action or record type (" + action + ", " + type + ")", e);
    }
    Instant at;
    try {
      at = Times.instant(atText);
    } catch (RuntimeException e) {
      throw new StoreException("ledger entry #" + seq + " has an unreadable time '" + atText + "'", e);
    }
    return new LedgerEntry(seq, at, actor, reason, a, t, recordId, payload, prevHash, hash);
  }

  @Override
  public Optional<byte[]> archive(String sha256) {
    return query("SELECT content FROM archives WHERE sha256 = ?", rs -> rs.getBytes(1), sha256).stream().findFirst();
  }

  @Override
  public Map<String, String> archives() {
    Map<String, String> out = new LinkedHashMap<>();
    query("SELECT sha256, media_type FROM archives ORDER BY sha256", rs -> out.put(rs.getString(1), rs.getString(2)));
    return out;
  }

  // ------------------------------------------------------------------ verify

  @Override
  public List<String> compareState(Map<Replay.Key, Replay.Replayed> expected, java.util.function.LongConsumer compared) {
    final int limit = 100;
    // Progress in records: each counts half when parsed and projected, half when its main
    // table's row has been read back (parsing is a little over half of the work).
    java.util.concurrent.atomic.AtomicLong halves = new java.util.concurrent.atomic.AtomicLong();
    Runnable tick = () -> {
      long h = halves.incrementAndGet();
      if ((h & 0x1FFF) == 0) compared.accept(h / 2);
    };
    List<String> problems = new ArrayList<>();
    Map<RecordType, List<Replay.Replayed>> byType = new HashMap<>();
    for (Replay.Replayed r : expected.values()) byType.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r);
    flush();
    // Both sides at once: worker threads parse each record's latest value and project it into
    // the rows it implies, while this thread reads the state tables; each row waits in a map
    // for its other side and is compared when that comes. Parsing on both cores and then
    // reading on one left a core idle for most of this phase (on the bench ledger, reading
    // the claims tables took twice as long as parsing the claims).
    java.util.concurrent.ForkJoinPool parsers = new java.util.concurrent.ForkJoinPool(Runtime.getRuntime().availableProcessors());
    try {
      for (RecordType type : RecordType.values()) {
        List<Replay.Replayed> records = byType.getOrDefault(type, List.of());
        Map<Projection.Table, java.util.concurrent.ConcurrentHashMap<String, Waiting>> waiting = new LinkedHashMap<>();
        // sized for a row per record up front: growing a map of 300,000 claims as they came
        // (copying its table as it grew) showed in a profile of verify
        for (Projection.Table t : Projection.tablesOf(type)) waiting.put(t, new java.util.concurrent.ConcurrentHashMap<>(Math.max(16, records.size())));
        Map<Projection.Table, java.util.concurrent.ConcurrentSkipListMap<String, String>> differ = new LinkedHashMap<>();
        for (Projection.Table t : waiting.keySet()) differ.put(t, new java.util.concurrent.ConcurrentSkipListMap<>());
        java.util.concurrent.atomic.AtomicInteger differences = new java.util.concurrent.atomic.AtomicInteger();
        List<String> unreadable = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.Future<?> parsing = parsers.submit(() -> records.parallelStream().forEach(r -> {
          StoredRecord s;
          try {
            s = r.toStored();
          } catch (RuntimeException e) {
            unreadable.add(r.type().label() + " " + r.id() + ": the ledger's latest entry for it cannot be read (" + e.getMessage() + ")");
            return;
          }
          for (var rows : Projection.rows(s).entrySet()) {
            Projection.Table t = rows.getKey();
            for (Object[] row : rows.getValue()) meet(t, waiting.get(t), t.keyOf(row), new Waiting(true, row), differ.get(t), differences);
          }
          tick.run();
        }));
        for (var t : waiting.entrySet()) {
          readTable(t.getKey(), t.getValue(), differ.get(t.getKey()), differences, limit, t.getKey().child() ? () -> {} : tick, parsers);
        }
        await(parsing, "parsing the ledger's records");
        problems.addAll(unreadable);
        for (var t : waiting.entrySet()) {
          // what met no other side: rows the table has and the ledger does not imply, in key
          // order with the differences; then the rows the ledger implies that the table lacks
          Map<String, String> found = differ.get(t.getKey()); // sorted by key
          java.util.TreeSet<String> missing = new java.util.TreeSet<>();
          t.getValue().forEach((key, w) -> {
            if (w.implied()) missing.add(key);
            else found.put(key, rowName(t.getKey(), key) + ": is not implied by the ledger (inserted or re-keyed by hand)");
          });
          problems.addAll(found.values());
          for (String key : missing) problems.add(rowName(t.getKey(), key) + ": is missing (deleted by hand)");
          if (problems.size() >= limit) {
            problems.subList(limit, problems.size()).clear();
            problems.add("… stopped after " + limit + " differences");
            return problems;
          }
        }
      }
    } finally {
      parsers.shutdownNow();
    }
    compared.accept(expected.size());
    return problems;
  }

  /** A row from one side of verify's comparison (implied by the ledger, or stored in the table), waiting for the other. */
  private record Waiting(boolean implied, Object[] row) {}

  /** Compares a row with its other side if that has come, or leaves it to wait for it. */
  private static void meet(Projection.Table t, java.util.concurrent.ConcurrentHashMap<String, Waiting> waiting, String key, Waiting mine,
      Map<String, String> differ, java.util.concurrent.atomic.AtomicInteger differences) {
    waiting.compute(key, (k, other) -> {
      if (other == null || other.implied() == mine.implied()) return mine; // a table's key is unique; a record implies a row once
      Object[] got = mine.implied() ? other.row() : mine.row();
      Object[] want = mine.implied() ? mine.row() : other.row();
      for (int i = 0; i < got.length; i++) {
        if (!Canon.same(got[i], want[i])) {
          differ.put(k, rowName(t, k) + ": column " + t.columns().get(i) + " is " + differing(got[i], want[i]));
          differences.incrementAndGet();
          break;
        }
      }
      return null;
    });
  }

  /**
   * Reads a state table, meeting each row with the row the ledger implies; stops after
   * {@code limit} differences.
   *
   * <p>With the records parsed beside it, this read is the slow side of the comparison: 25
   * values through the driver for each of 300,000 claims. SQL packs each row's columns into one
   * JSON array (a string stays a string, an integer a number, NULL null, as a value read alone
   * would tell them apart), except the columns declared REAL, which come apart (JSON would print
   * a real with fewer digits). SQLite refuses to put a BLOB in JSON: when a row holds one
   * (written by hand), the read goes on column by column from that row, in the same key order.
   */
  private void readTable(Projection.Table t, java.util.concurrent.ConcurrentHashMap<String, Waiting> waiting, Map<String, String> differ,
      java.util.concurrent.atomic.AtomicInteger differences, int limit, Runnable rowRead, java.util.concurrent.ExecutorService workers) {
    List<String> cols = t.columns();
    int n = cols.size();
    java.util.Set<String> reals = new java.util.HashSet<>();
    query("SELECT name FROM pragma_table_info(?) WHERE upper(type) = 'REAL'", rs -> reals.add(rs.getString(1)), t.name());
    List<Integer> apart = new ArrayList<>();
    List<Integer> packed = new ArrayList<>();
    for (int i = 0; i < n; i++) (reals.contains(cols.get(i)) ? apart : packed).add(i);
    String order = " FROM " + t.name() + " ORDER BY " + String.join(", ", cols.subList(0, t.keyColumns()));
    StringBuilder sql = new StringBuilder("SELECT json_array(").append(String.join(", ", packed.stream().map(cols::get).toList())).append(")");
    for (int i : apart) sql.append(", ").append(cols.get(i));
    long done = 0;
    // This thread only takes rows from SQLite; batches of them are unpacked and met on the
    // worker threads, which are idle once the records are parsed (the reading took twice as
    // long as the parsing on the bench ledger, the JSON and the meeting included).
    java.util.ArrayDeque<java.util.concurrent.Future<?>> pending = new java.util.ArrayDeque<>();
    List<Object[]> batch = new ArrayList<>(ROWS_PER_TASK);
    try (PreparedStatement ps = c.prepareStatement(sql + order)) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && differences.get() < limit) {
          Object[] raw = new Object[1 + apart.size()];
          raw[0] = rs.getString(1);
          for (int j = 0; j < apart.size(); j++) raw[1 + j] = rs.getObject(2 + j);
          done++;
          batch.add(raw);
          if (batch.size() == ROWS_PER_TASK) {
            pending.add(workers.submit(meetPacked(t, batch, packed, apart, waiting, differ, differences, rowRead)));
            batch = new ArrayList<>(ROWS_PER_TASK);
            while (pending.size() > 16) await(pending.poll(), "comparing " + t.name()); // bound what waits in memory
          }
        }
      }
      return;
    } catch (SQLException packing) {
      // a BLOB: the rest column by column (a table that cannot be read at all fails below)
    } finally {
      pending.add(workers.submit(meetPacked(t, batch, packed, apart, waiting, differ, differences, rowRead)));
      while (!pending.isEmpty()) await(pending.poll(), "comparing " + t.name());
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT " + String.join(", ", cols) + order)) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        for (long skipped = 0; skipped < done && rs.next(); skipped++) {
          // met already, read as JSON
        }
        while (rs.next() && differences.get() < limit) {
          Object[] got = new Object[n];
          for (int i = 0; i < n; i++) got[i] = rs.getObject(i + 1);
          rowRead.run();
          meet(t, waiting, t.keyOf(got), new Waiting(false, got), differ, differences);
        }
      }
    } catch (SQLException ex) {
      throw new StoreException("could not read table " + t.name(), ex);
    }
  }

  private static final int ROWS_PER_TASK = 1000;

  /** Unpacks rows read as a JSON array (and their REAL columns apart) and meets each with its other side. */
  private static Runnable meetPacked(Projection.Table t, List<Object[]> rows, List<Integer> packed, List<Integer> apart,
      java.util.concurrent.ConcurrentHashMap<String, Waiting> waiting, Map<String, String> differ,
      java.util.concurrent.atomic.AtomicInteger differences, Runnable rowRead) {
    return () -> {
      for (Object[] raw : rows) {
        Object[] got = new Object[t.columns().size()];
        try {
          // SQLite's json_array always gives an array of the row's scalars; anything else is a fault
          if (!unpackRow((String) raw[0], packed, got)) throw new StoreException("table " + t.name() + ": a row SQLite packed as JSON could not be read back", null);
        } catch (java.io.IOException e) {
          throw new StoreException("table " + t.name() + ": a row SQLite packed as JSON could not be read back", e);
        }
        for (int j = 0; j < apart.size(); j++) got[apart.get(j)] = raw[1 + j];
        rowRead.run();
        meet(t, waiting, t.keyOf(got), new Waiting(false, got), differ, differences);
      }
    };
  }

  /** Fills {@code got} at {@code columns} from a JSON array of that many scalars; false if it does not fit. */
  private static boolean unpackRow(String json, List<Integer> columns, Object[] got) throws java.io.IOException {
    if (json == null) return false;
    try (com.fasterxml.jackson.core.JsonParser p = Json.MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_ARRAY) return false;
      for (int column : columns) {
        com.fasterxml.jackson.core.JsonToken token = p.nextToken();
        if (token == null) return false;
        switch (token) {
          case VALUE_STRING -> got[column] = p.getText();
          case VALUE_NUMBER_INT -> got[column] = p.getLongValue();
          case VALUE_NUMBER_FLOAT -> got[column] = p.getDoubleValue();
          case VALUE_NULL -> got[column] = null;
          default -> {
            return false;
          }
        }
      }
      return p.nextToken() == com.fasterxml.jackson.core.JsonToken.END_ARRAY;
    }
  }

  /** A row named for a person: "case_steps row case-1/2" (only built for a row that is wrong). */
  private static String rowName(Projection.Table t, String key) {
    return t.name() + " row " + ROW_KEY_TYPE.matcher(key.replace("\u0000", "/")).replaceAll("$1");
  }

  private static final java.util.regex.Pattern ROW_KEY_TYPE = java.util.regex.Pattern.compile("(^|/)[a-z]:");

  private static String show(Object v) {
    if (v == null) return "NULL";
    if (v instanceof byte[] b) return "X'" + java.util.HexFormat.of().withUpperCase().formatHex(b) + "'";
    String s = v.toString();
    return "'" + visible(s.length() > 60 ? s.substring(0, 57) : s) + (s.length() > 60 ? "…'" : "'");
  }

  /** "A but the ledger says B", long texts shown from a little before where they first differ. */
  private static String differing(Object got, Object want) {
    String g = show(got);
    String w = show(want);
    if (g.equals(w) && got instanceof String a && want instanceof String b) {
      int at = 0;
      while (at < a.length() && at < b.length() && a.charAt(at) == b.charAt(at)) at++;
      int from = Math.max(0, at - 20);
      g = "'…" + show(a.substring(from)).substring(1) + " (from character " + (from + 1) + ")";
      w = "'…" + show(b.substring(from)).substring(1);
    }
    return g + " but the ledger says " + w;
  }

  private static String visible(String s) {
    return org.harmledger.domain.ControlCharacters.visible(s);
  }

  // ------------------------------------------------------------------ tally

  @Override
  public TallyFacts tallyFacts(String campaignId) {
    Campaign campaign = (Campaign) find(RecordType.CAMPAIGN, campaignId).orElseThrow().record();

    // When the campaign holds a large part of the ledger's incidents, scanning whole tables in key
    // order beats walking the by-campaign index, which costs a random look-up per row (on the
    // benchmark's 100,000 incidents: 0.03 s against 0.4 s for the incidents, 0.05 s against 0.7 s
    // for their gradings, in the sqlite3 shell). "+i.campaign_id" keeps SQLite off that index.
    long all = query("SELECT count(*) FROM incidents", rs -> rs.getLong(1)).get(0);
    long inCampaign = query("SELECT count(*) FROM incidents WHERE campaign_id = ?", rs -> rs.getLong(1), campaignId).get(0);
    boolean large = all > 0 && inCampaign * 4 >= all;
    String ofCampaign = large ? "+i.campaign_id = ?" : "i.campaign_id = ?";

    // The campaign's live incidents and every grading of each, in order.
    Map<String, List<TallyFacts.GradeOn>> gradings = new HashMap<>();
    Map<String, LocalDate> days = new HashMap<>(); // gradings share a few dates: parse each once
    query("SELECT g.incident_id, g.grade, g.on_date FROM incidents i JOIN incident_gradings g ON g.incident_id = i.id "
            + "WHERE " + ofCampaign + " AND i.retracted IS NULL ORDER BY g.incident_id, g.n",
        rs -> gradings.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(1))
            .add(new TallyFacts.GradeOn(GRADES.get(rs.getString(2)), days.computeIfAbsent(rs.getString(3), DateSpan::parseIso))), campaignId);
    List<TallyFacts.IncidentFact> incidents = query(
        "SELECT i.id, i.start_date, i.end_date, i.lat, i.lon FROM incidents i WHERE " + ofCampaign + " AND i.retracted IS NULL",
        rs -> incidentFact(rs, gradings.getOrDefault(rs.getString(1), List.of())), campaignId);

    String claimCols = CLAIM_FACT_COLUMNS;
    String live = LIVE_CLAIM;
    Map<String, String> keys = new HashMap<>(); // claimant name → key, computed once per name
    RowMapper<TallyFacts.ClaimFact> mapper = rs -> readClaimFact(rs, keys);
    List<TallyFacts.ClaimFact> claims = new ArrayList<>(query(
        "SELECT " + claimCols + " FROM claims c JOIN sources s ON s.id = c.source_id WHERE c.campaign_id = ?" + live, mapper, campaignId));
    // Incident-level claims. When the campaign holds most of the ledger's incidents, one
    // sequential scan of the claims table beats walking each incident to its claims (random
    // look-ups: ~10x slower on 300,000 claims); otherwise walk from the campaign's incidents.
    java.util.Set<String> mine = new java.util.HashSet<>(incidents.size() * 2);
    for (TallyFacts.IncidentFact i : incidents) mine.add(i.id());
    if (large) {
      for (TallyFacts.ClaimFact f : claimFacts("FROM claims c JOIN sources s ON s.id = c.source_id WHERE c.subject_kind <> 'aggregate'" + live, keys)) {
        for (String i : f.incidents()) {
          if (mine.contains(i)) {
            claims.add(f);
            break;
          }
        }
      }
    } else {
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (TallyFacts.ClaimFact f : query("SELECT " + claimCols + " FROM incidents i JOIN claim_incidents ci ON ci.incident_id = i.id JOIN claims c ON c.id = ci.claim_id "
          + "JOIN sources s ON s.id = c.source_id WHERE i.campaign_id = ? AND i.retracted IS NULL" + live, mapper, campaignId)) {
        if (seen.add(f.id())) claims.add(f);
      }
    }

    return new TallyFacts(campaign, claims, incidents, caseFacts(campaignId));
  }

  private static final String CLAIM_FACT_COLUMNS =
      "c.id, c.source_id, COALESCE(c.claimant_name, s.publisher), COALESCE(c.claimant_role, s.role), c.subject_kind, c.scope_key, "
          + "c.killed_min, c.killed_max, c.injured_min, c.injured_max, COALESCE(c.dated, s.published, substr(c.created_at, 1, 10)) AS eff, c.created_seq, "
          + "c.agg_start, c.agg_end, c.agg_south, c.agg_west, c.agg_north, c.agg_east, "
          // a confidential source's publisher (a protected witness) is never shown in a tally
          + "CASE WHEN c.claimant_name IS NULL AND s.confidential = 1 THEN '(confidential source)' ELSE COALESCE(c.claimant_name, s.publisher) END";
  private static final String LIVE_CLAIM = " AND c.retracted IS NULL AND s.retracted IS NULL AND c.status = 'accepted'";

  /** More entries than this since the facts were read, and reading them whole is as quick. */
  private static final int MAX_CHANGES_TO_UPDATE = 20_000;

  @Override
  public Optional<TallyFacts> tallyFactsSince(TallyFacts previous, long sinceSeq) {
    String campaignId = previous.campaign().id();
    Optional<Map<RecordType, java.util.Set<String>>> since = changedSince(sinceSeq, MAX_CHANGES_TO_UPDATE);
    if (since.isEmpty()) return Optional.empty();
    Map<RecordType, java.util.Set<String>> changed = since.get();
    if (changed.getOrDefault(RecordType.CAMPAIGN, java.util.Set.of()).contains(campaignId)) return Optional.empty();
    java.util.Set<String> sources = changed.getOrDefault(RecordType.SOURCE, java.util.Set.of());
    java.util.Set<String> changedClaims = changed.getOrDefault(RecordType.CLAIM, java.util.Set.of());
    java.util.Set<String> changedIncidents = changed.getOrDefault(RecordType.INCIDENT, java.util.Set.of());
    java.util.Set<String> changedCases = changed.getOrDefault(RecordType.CASE, java.util.Set.of());
    if (sources.isEmpty() && changedClaims.isEmpty() && changedIncidents.isEmpty() && changedCases.isEmpty()) {
      return Optional.of(previous); // victims, link decisions, other campaigns: nothing a tally reads
    }

    // Incidents: each changed one is read again; it stays if it is live and still in the campaign.
    List<TallyFacts.IncidentFact> incidents = new ArrayList<>();
    for (String id : changedIncidents) {
      List<TallyFacts.GradeOn> gradings = query("SELECT grade, on_date FROM incident_gradings WHERE incident_id = ? ORDER BY n",
          rs -> new TallyFacts.GradeOn(Grade.valueOf(rs.getString(1).toUpperCase()), DateSpan.parseIso(rs.getString(2))), id);
      incidents.addAll(query("SELECT id, start_date, end_date, lat, lon FROM incidents WHERE id = ? AND campaign_id = ? AND retracted IS NULL",
          rs -> incidentFact(rs, gradings), id, campaignId));
    }
    java.util.Set<String> mine = new java.util.HashSet<>();
    for (TallyFacts.IncidentFact i : incidents) mine.add(i.id());

    // Claims that may have changed in or out: the changed ones, every claim of a changed source
    // (its publisher, role, date or retraction shows in its claims), and every claim about a
    // changed incident (which may have left or joined the campaign).
    java.util.Set<String> candidates = new java.util.HashSet<>(changedClaims);
    for (String src : sources) candidates.addAll(query("SELECT id FROM claims WHERE source_id = ?", rs -> rs.getString(1), src));
    for (String inc : changedIncidents) candidates.addAll(query("SELECT claim_id FROM claim_incidents WHERE incident_id = ?", rs -> rs.getString(1), inc));
    Map<String, String> keys = new HashMap<>();
    List<TallyFacts.ClaimFact> claims = new ArrayList<>();
    for (String id : candidates) {
      for (TallyFacts.ClaimFact f : query("SELECT " + CLAIM_FACT_COLUMNS + ", c.campaign_id FROM claims c JOIN sources s ON s.id = c.source_id WHERE c.id = ?" + LIVE_CLAIM,
          rs -> campaignId.equals(rs.getString(20)) || !"aggregate".equals(rs.getString(5)) ? readClaimFact(rs, keys) : null, id)) {
        if (f == null) continue;
        boolean belongs = f.aggregate();
        for (String i : f.incidents()) {
          if (mine.contains(i) || (!changedIncidents.contains(i) && previous.hasIncident(i))) {
            belongs = true;
            break;
          }
        }
        if (belongs) claims.add(f);
      }
    }
    // Cases are few; any change to a case or to an incident (which cases may concern) reads them again.
    Optional<List<TallyFacts.CaseFact>> cases = changedCases.isEmpty() && changedIncidents.isEmpty() ? Optional.empty() : Optional.of(caseFacts(campaignId));
    return Optional.of(previous.updated(candidates, claims, changedIncidents, incidents, cases));
  }

  @Override
  public Optional<Map<RecordType, java.util.Set<String>>> changedSince(long sinceSeq, int max) {
    // Each record once, whatever the number of its entries. (Not SELECT DISTINCT: SQLite answers
    // that by scanning the whole ledger's by-record index; this walks the primary key from sinceSeq on.)
    Map<RecordType, java.util.Set<String>> changed = new java.util.EnumMap<>(RecordType.class);
    List<Boolean> entries = query("SELECT record_type, record_id FROM ledger WHERE seq > ? ORDER BY seq LIMIT " + (max + 1),
        rs -> changed.computeIfAbsent(RecordType.valueOf(rs.getString(1)), t -> new java.util.HashSet<>()).add(rs.getString(2)), sinceSeq);
    return entries.size() > max ? Optional.empty() : Optional.of(changed);
  }

  private static TallyFacts.IncidentFact incidentFact(ResultSet rs, List<TallyFacts.GradeOn> gradings) throws SQLException {
    return new TallyFacts.IncidentFact(rs.getString(1), DateSpan.of(rs.getString(2), rs.getString(3)), (Double) rs.getObject(4), (Double) rs.getObject(5), gradings);
  }

  /** Cases of the campaign, or about its incidents, with all their steps. */
  private List<TallyFacts.CaseFact> caseFacts(String campaignId) {
    return query(
        "SELECT l.payload FROM cases k JOIN ledger l ON l.seq = k.entry_seq WHERE k.retracted IS NULL AND (k.campaign_id = ? OR k.id IN "
            + "(SELECT ci.case_id FROM case_incidents ci JOIN incidents i ON i.id = ci.incident_id WHERE i.campaign_id = ?)) ORDER BY k.created_seq",
        rs -> {
          return TallyFacts.CaseFact.of(Json.read(rs.getString(1), Case.class));
        }, campaignId, campaignId);
  }

  private static final Map<String, Role> ROLES = new HashMap<>();
  private static final Map<String, Grade> GRADES = new HashMap<>();

  static {
    for (Role r : Role.values()) ROLES.put(Projection.lower(r), r);
    for (Grade g : Grade.values()) GRADES.put(Projection.lower(g), g);
  }

  /**
   * The tally facts of the claims a query ({@code from}: its FROM and WHERE, over claims c and
   * sources s) finds, read as one JSON text per claim: the campaign's every claim in one scan
   * reads 300,000 rows, and reading their 19 columns one by one through the driver took 0.8–1.8 s
   * where one text each took 0.4 s and SQLite's own stepping 0.12 s (BENCHMARKS.md, issue 2). The
   * bounding box's REAL columns come apart (JSON would print a real with fewer digits), read only
   * for the aggregate claims that have one. A BLOB written into a column by hand cannot go into
   * JSON: then the columns are read one by one, as before.
   */
  private List<TallyFacts.ClaimFact> claimFacts(String from, Map<String, String> keys, Object... args) {
    String sql = "SELECT json_array(" + PACKED_CLAIM_FACT_COLUMNS + "), c.agg_south, c.agg_west, c.agg_north, c.agg_east " + from;
    flush();
    // This thread takes the rows from SQLite; workers turn batches of them into facts meanwhile
    // (parsing and building the facts took as long as the reading).
    Map<String, String> sharedKeys = new java.util.concurrent.ConcurrentHashMap<>(keys);
    Map<String, LocalDate> days = new java.util.concurrent.ConcurrentHashMap<>(); // a few thousand dates among 300,000 claims
    java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(
        Math.max(1, Runtime.getRuntime().availableProcessors() - 1), Thread.ofPlatform().name("harmledger-tally-facts").daemon().factory());
    List<java.util.concurrent.Future<List<TallyFacts.ClaimFact>>> parts = new ArrayList<>();
    try {
      PreparedStatement ps = statement(sql);
      ps.clearParameters();
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      try (ResultSet rs = ps.executeQuery()) {
        List<Object[]> batch = new ArrayList<>(FACT_BATCH);
        while (rs.next()) {
          // the bounding box's REALs only where there is one (aggregate claims)
          String text = rs.getString(1);
          batch.add(rs.getObject(2) == null ? new Object[] {text} : new Object[] {text, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5)});
          if (batch.size() == FACT_BATCH) {
            parts.add(workers.submit(facts(batch, sharedKeys, days)));
            batch = new ArrayList<>(FACT_BATCH);
          }
        }
        if (!batch.isEmpty()) parts.add(workers.submit(facts(batch, sharedKeys, days)));
      }
      List<TallyFacts.ClaimFact> out = new ArrayList<>();
      for (var part : parts) out.addAll(await(part, "reading the tally's facts"));
      keys.putAll(sharedKeys);
      return out;
    } catch (SQLException e) {
      if (e.getMessage() == null || !e.getMessage().contains("BLOB")) throw new StoreException("query failed: " + sql, e);
      // a BLOB written into a column by hand cannot go into JSON: the columns one by one, as before
      return query("SELECT " + CLAIM_FACT_COLUMNS + " " + from, rs -> readClaimFact(rs, keys), args);
    } finally {
      workers.shutdownNow();
    }
  }

  private static final int FACT_BATCH = 4096;

  private static java.util.concurrent.Callable<List<TallyFacts.ClaimFact>> facts(List<Object[]> rows, Map<String, String> keys, Map<String, LocalDate> days) {
    return () -> {
      List<TallyFacts.ClaimFact> out = new ArrayList<>(rows.size());
      for (Object[] row : rows) out.add(readPackedClaimFact(row, keys, days));
      return out;
    };
  }

  /** {@link #CLAIM_FACT_COLUMNS} but the bounding box, the display name moved to the end of the text columns. */
  private static final String PACKED_CLAIM_FACT_COLUMNS =
      "c.id, c.source_id, COALESCE(c.claimant_name, s.publisher), COALESCE(c.claimant_role, s.role), c.subject_kind, c.scope_key, "
          + "c.killed_min, c.killed_max, c.injured_min, c.injured_max, COALESCE(c.dated, s.published, substr(c.created_at, 1, 10)), c.created_seq, "
          + "c.agg_start, c.agg_end, "
          + "CASE WHEN c.claimant_name IS NULL AND s.confidential = 1 THEN '(confidential source)' ELSE COALESCE(c.claimant_name, s.publisher) END";

  /** A claim's facts from its packed row: the JSON text, then the bounding box if it has one. */
  private static TallyFacts.ClaimFact readPackedClaimFact(Object[] row, Map<String, String> keys, Map<String, LocalDate> days) {
    return claimFact(JsonRow.parse((String) row[0], 15), row, keys, days);
  }

  /**
   * A claim's facts from its values in {@link #PACKED_CLAIM_FACT_COLUMNS} order and, after a
   * first slot, its bounding box (a row of one: none), whether they came packed or column by
   * column. Values are read as the driver would read each column: text as text, numbers as
   * numbers (a hand-edited table can hold either anywhere; verify tells, the tally must still
   * read). {@code days}: parsed dates to share, or null.
   */
  private static TallyFacts.ClaimFact claimFact(Object[] v, Object[] row, Map<String, String> keys, Map<String, LocalDate> days) {
    String claimant = JsonRow.asText(v[2]);
    Role role = ROLES.get(JsonRow.asText(v[3]));
    boolean aggregate = "aggregate".equals(JsonRow.asText(v[4]));
    Optional<DateSpan> period = v[12] == null ? Optional.empty() : Optional.of(DateSpan.of(JsonRow.asText(v[12]), JsonRow.asText(v[13])));
    Optional<BoundingBox> bbox = !aggregate || row.length == 1 ? Optional.empty()
        : Optional.of(new BoundingBox((Double) row[1], (Double) row[2], (Double) row[3], (Double) row[4]));
    String scope = JsonRow.asText(v[5]);
    List<String> incidents = aggregate ? List.of() : List.of(scope.substring(scope.indexOf(':') + 1).split(","));
    // (a null claimant, which only a hand edit makes, has no key of its own: ConcurrentHashMap takes no null)
    String key = claimant == null ? new Claimant(null, role).key() : keys.computeIfAbsent(claimant, n -> new Claimant(n, role).key());
    String eff = JsonRow.asText(v[10]);
    LocalDate date = days == null ? DateSpan.parseIso(eff) : days.computeIfAbsent(eff, DateSpan::parseIso);
    return new TallyFacts.ClaimFact(JsonRow.asText(v[0]), JsonRow.asText(v[1]), JsonRow.asText(v[14]), key, role, aggregate,
        scope, incidents, range(v[6], v[7]), range(v[8], v[9]), date, v[11] == null ? 0 : JsonRow.asLong(v[11]), period, bbox);
  }

  private static Optional<Range> range(Object min, Object max) {
    if (min == null) return Optional.empty();
    return Optional.of(max == null ? Range.atLeast(JsonRow.asLong(min)) : Range.between(JsonRow.asLong(min), JsonRow.asLong(max)));
  }

  /** A claim's facts from a row of {@link #CLAIM_FACT_COLUMNS}, column by column. */
  private static TallyFacts.ClaimFact readClaimFact(ResultSet rs, Map<String, String> keys) throws SQLException {
    Object[] v = new Object[15];
    for (int i = 0; i < 14; i++) v[i] = rs.getObject(i + 1);
    v[14] = rs.getObject(19);
    Object[] box = rs.getObject(15) == null ? new Object[1] : new Object[] {null, rs.getDouble(15), rs.getDouble(16), rs.getDouble(17), rs.getDouble(18)};
    return claimFact(v, box, keys, null);
  }

  // ------------------------------------------------------------------ plumbing

  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Any query, on this transaction's connection after every waiting insert: it sees all of them. */
  <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
    flush();
    try {
      return run(statement(sql), mapper, args);
    } catch (SQLException ex) {
      throw new StoreException("query failed: " + sql, ex);
    }
  }

  /**
   * A query by id that this transaction's own writes cannot affect: every record written in it is
   * answered from the caches before it gets here. So it needs no flush, and while the writer
   * thread runs it goes to the side connection, which sees the database as it was before this
   * transaction (which holds the write lock, so nothing else changed it since).
   */
  private <T> List<T> lookup(String sql, RowMapper<T> mapper, Object... args) {
    try {
      PreparedStatement ps; // kept open for the transaction: lookups repeat per row on imports
      Connection other = writer != null ? sideConnection() : null;
      if (other != null) {
        ps = sideStatements.get(sql);
        if (ps == null) sideStatements.put(sql, ps = other.prepareStatement(sql));
      } else {
        awaitWriter();
        ps = statement(sql);
      }
      return run(ps, mapper, args);
    } catch (SQLException ex) {
      throw new StoreException("query failed: " + sql, ex);
    }
  }

  /** This transaction's side connection, borrowed on first use; null if none was free. */
  private Connection sideConnection() throws SQLException {
    if (sideConnection == null && side != null && !sideBusy) {
      sideConnection = side.open();
      sideBusy = sideConnection == null;
    }
    return sideConnection;
  }

  private static <T> List<T> run(PreparedStatement ps, RowMapper<T> mapper, Object... args) throws SQLException {
    ps.clearParameters();
    for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    try (ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) out.add(mapper.map(rs));
      return out;
    }
  }

  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      awaitWriter(); // preparing uses the connection too
      ps = c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  @Override
  public void close() {
    if (writer != null) {
      // Failed or not, the writer must be idle before the connection is rolled back or reused.
      try {
        awaitWriter();
      } catch (RuntimeException ignored) {
        // the transaction is failing already, or the commit path has reported it
      }
      writer.shutdown();
    }
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing a statement of a finished transaction; nothing to recover
      }
    }
    statements.clear();
    if (sideConnection != null) {
      try {
        for (PreparedStatement ps : sideStatements.values()) ps.close();
        sideConnection.close();
      } catch (SQLException ignored) {
        // a read-only connection going back to its pool; nothing to recover
      }
    }
  }
}
