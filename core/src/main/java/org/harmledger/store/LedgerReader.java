package org.harmledger.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.harmledger.domain.RecordType;
import org.harmledger.ledger.LedgerEntry;
import org.harmledger.ledger.Replay;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.tally.TallyFacts;

/** Read access to a store, inside one transaction or snapshot. */
public interface LedgerReader {
  Optional<StoredRecord> find(RecordType type, String id);

  /** Whether a record exists and is live, without reading it (reference checks on bulk imports). */
  RecordState state(RecordType type, String id);

  /** Records of a type, oldest first (in the order they were created), filtered by {@code query} (paging included). */
  List<StoredRecord> list(RecordType type, RecordQuery query);

  long count(RecordType type);

  /** Every entry about one record, oldest first. */
  List<LedgerEntry> history(RecordType type, String id);

  Optional<LedgerEntry> head();

  /** Streams every entry in ledger order (for verify and export). */
  void forEachEntry(Consumer<LedgerEntry> sink);

  /** Every fact a tally of one campaign can need, on any date (see {@link TallyFacts}). */
  TallyFacts tallyFacts(String campaign);

  /**
   * {@code previous} (read when the ledger's head was {@code sinceSeq}) brought up to this
   * snapshot by reading again only what changed since; empty when so much changed that a whole
   * read is the better way (or the store cannot tell what changed).
   */
  default Optional<TallyFacts> tallyFactsSince(TallyFacts previous, long sinceSeq) {
    return Optional.empty();
  }

  /**
   * The records each entry after {@code sinceSeq} touched, by type, each once; empty when more
   * than {@code max} entries follow it (reading whole is then as quick) or the store cannot tell.
   * What a cache kept at {@code sinceSeq} needs to read again.
   */
  default Optional<Map<RecordType, java.util.Set<String>>> changedSince(long sinceSeq, int max) {
    return Optional.empty();
  }

  Optional<byte[]> archive(String sha256);

  /** sha256 → media type, for every archived copy. */
  Map<String, String> archives();

  /**
   * Compares the state tables with what the ledger implies and returns every difference, each
   * naming the table, the row and the column (empty when they agree). {@code compared} is told
   * how many of the records it has checked so far.
   */
  List<String> compareState(Map<Replay.Key, Replay.Replayed> expected, java.util.function.LongConsumer compared);
}
