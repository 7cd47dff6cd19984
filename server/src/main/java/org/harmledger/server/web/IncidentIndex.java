package org.harmledger.server.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Incident;
import org.harmledger.domain.Range;
import org.harmledger.domain.RecordType;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.store.RecordQuery;
import org.harmledger.tally.Tally;
import org.harmledger.tally.TallyFacts;

/**
 * The incident list behind {@code /incidents}: one row per live incident of a campaign with its
 * grading and killed figure on a date, filtered, sorted and paged in memory. Rows are read once
 * per campaign and kept until the ledger's head moves (any write), like the tally's facts, so a
 * page of a 100,000-incident list costs a scan of arrays, not a database query. Thread-safe.
 */
public final class IncidentIndex {
  /** One incident as the list shows it. {@code killed} is empty when no claim gives it a figure of its own. */
  /** {@code searched}: what the place-or-title search looks in, lower case: the title, the place in each of its languages, the other datasets' codes. */
  public record Row(String id, String campaign, String title, DateSpan time, String place, Double lat, Double lon, String grade, List<String> belligerents, String strikeType, Optional<Range> killed,
      String searched) {
    long killedMin() {
      return killed.map(Range::min).orElse(-1L);
    }
  }

  /** A request's filters, sort and page, as read from the query string. */
  public record Query(Optional<DateSpan> period, String place, String grade, String belligerent, long minKilled, String sort, boolean descending, int page, int size) {
    static final List<String> SORTS = List.of("date", "killed", "grade", "title");
  }

  public record Page(List<Row> rows, int total, int page, int pages, int size) {}

  private record Key(String campaign, long head, LocalDate asOf) {}

  /** A campaign's live incidents at a head, in the order a whole read gives them (as recorded). */
  private record Base(long head, List<StoredRecord> records) {}

  private final LedgerService ledger;
  private final Map<String, Base> bases = new ConcurrentHashMap<>();
  private final Map<Key, Rows> rows = new ConcurrentHashMap<>();

  IncidentIndex(LedgerService ledger) {
    this.ledger = ledger;
  }

  long head() {
    return ledger.store().read(r -> r.head().map(e -> e.seq()).orElse(0L));
  }

  Rows rows(String campaign, LocalDate asOf) {
    long head = head();
    Key key = new Key(campaign, head, asOf);
    Rows cached = rows.get(key);
    if (cached != null) return cached;
    Base base = bases.get(campaign);
    if (base == null || base.head() != head) {
      base = new Base(head, base != null && base.head() < head ? updated(campaign, base).orElseGet(() -> readIncidents(campaign)) : readIncidents(campaign));
      bases.put(campaign, base);
    }
    TallyFacts facts = ledger.facts(campaign);
    Map<String, Range> killed = Tally.incidentFigure(facts, asOf, true);
    Map<String, TallyFacts.IncidentFact> byId = new HashMap<>();
    for (TallyFacts.IncidentFact f : facts.incidents()) byId.put(f.id(), f);
    List<Row> out = new ArrayList<>(base.records().size());
    for (StoredRecord s : base.records()) {
      Incident i = s.as(Incident.class);
      if (i.time().start().isAfter(asOf)) continue;
      TallyFacts.IncidentFact f = byId.get(i.id());
      String grade = f == null ? "ungraded" : f.gradeOn(asOf).map(g -> g.name().toLowerCase(Locale.ROOT)).orElse("ungraded");
      out.add(new Row(i.id(), campaign, i.title(), i.time(), i.place().name(),
          i.place().point().map(p -> p.lat()).orElse(null), i.place().point().map(p -> p.lon()).orElse(null),
          grade, i.suspectedBelligerents(), i.strikeType().name().toLowerCase(Locale.ROOT), Optional.ofNullable(killed.get(i.id())),
          String.join("\n", i.title(), i.place().name(), String.join("\n", i.place().names().values()), String.join("\n", i.codes())).toLowerCase(Locale.ROOT)));
    }
    rows.keySet().removeIf(k -> k.head() != head); // earlier heads are of no further use
    if (rows.size() > 64) rows.clear();
    Rows built = new Rows(List.copyOf(out), new ConcurrentHashMap<>());
    rows.put(key, built);
    return built;
  }

  /**
   * The base's incidents after the writes since it was read, reading again only the incidents
   * those writes touched (after a write on a 100,000-incident ledger, reading them all again took
   * seconds); empty when the campaign itself changed or too much did.
   */
  private Optional<List<StoredRecord>> updated(String campaign, Base base) {
    return ledger.store().read(r -> r.changedSince(base.head(), 20_000).flatMap(changed -> {
      if (changed.getOrDefault(RecordType.CAMPAIGN, java.util.Set.of()).contains(campaign)) return Optional.empty();
      java.util.Set<String> touched = changed.getOrDefault(RecordType.INCIDENT, java.util.Set.of());
      if (touched.isEmpty()) return Optional.of(base.records());
      List<StoredRecord> out = new ArrayList<>(base.records().size() + touched.size());
      for (StoredRecord s : base.records()) if (!touched.contains(s.id())) out.add(s);
      for (String id : touched) {
        r.find(RecordType.INCIDENT, id).filter(s -> !s.isRetracted() && s.as(Incident.class).campaign().filter(campaign::equals).isPresent()).ifPresent(out::add);
      }
      out.sort(Comparator.comparingLong(StoredRecord::createdSeq)); // as a whole read gives them
      return Optional.of(List.copyOf(out));
    }));
  }

  /** How many times a campaign's incidents were read whole (the tests check that writes do not cause it). */
  final java.util.concurrent.atomic.AtomicInteger wholeReads = new java.util.concurrent.atomic.AtomicInteger();

  private List<StoredRecord> readIncidents(String campaign) {
    wholeReads.incrementAndGet();
    return ledger.listAll(RecordType.INCIDENT, RecordQuery.live().withCampaign(campaign));
  }


  /** A campaign's rows on a date, and the same rows in each sort order, sorted once (sorting 100,000 rows per request would be most of its time). */
  public record Rows(List<Row> all, Map<String, List<Row>> orders) implements Iterable<Row> {
    @Override
    public java.util.Iterator<Row> iterator() {
      return all.iterator();
    }
  }

  private static List<Row> ordered(Rows rows, String sort) {
    List<Row> all = rows.all();
    return rows.orders().computeIfAbsent(sort, k -> {
      Comparator<Row> c = switch (k) {
        case "killed" -> Comparator.comparingLong(Row::killedMin);
        case "grade" -> Comparator.comparingInt(r -> gradeRank(r.grade()));
        case "title" -> Comparator.comparing(Row::title, String.CASE_INSENSITIVE_ORDER);
        default -> Comparator.comparing((Row r) -> r.time().start());
      };
      List<Row> sorted = new ArrayList<>(all);
      sorted.sort(c.thenComparing(Row::id));
      return List.copyOf(sorted);
    });
  }

  static List<Row> filter(Rows all, Query q) {
    List<Row> out = new ArrayList<>();
    String place = q.place().toLowerCase(Locale.ROOT);
    String bel = q.belligerent().toLowerCase(Locale.ROOT);
    List<Row> order = ordered(all, q.sort());
    int n = order.size();
    for (int i = 0; i < n; i++) {
      Row r = order.get(q.descending() ? n - 1 - i : i);
      if (q.period().isPresent() && !r.time().overlaps(q.period().get())) continue;
      if (!place.isEmpty() && !r.searched().contains(place)) continue;
      if (!q.grade().isEmpty() && !r.grade().equals(q.grade())) continue;
      if (!bel.isEmpty() && r.belligerents().stream().noneMatch(b -> b.toLowerCase(Locale.ROOT).contains(bel))) continue;
      if (q.minKilled() > 0 && r.killedMin() < q.minKilled()) continue;
      out.add(r);
    }
    return out;
  }

  static Page page(List<Row> filtered, Query q) {
    int pages = Math.max(1, (filtered.size() + q.size() - 1) / q.size());
    int page = Math.min(Math.max(1, q.page()), pages);
    int from = (page - 1) * q.size();
    return new Page(filtered.subList(from, Math.min(filtered.size(), from + q.size())), filtered.size(), page, pages, q.size());
  }

  static int gradeRank(String grade) {
    for (Grade g : Grade.values()) if (g.name().equalsIgnoreCase(grade)) return g.ordinal();
    return Grade.values().length;
  }
}
