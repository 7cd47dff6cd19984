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
  public record Row(String id, String campaign, String title, DateSpan time, String place, Double lat, Double lon, String grade, List<String> belligerents, String strikeType, Optional<Range> killed) {
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

  private record Base(long head, List<Incident> incidents) {}

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
      base = new Base(head, readIncidents(campaign));
      bases.put(campaign, base);
    }
    TallyFacts facts = ledger.facts(campaign);
    Map<String, Range> killed = Tally.incidentFigure(facts, asOf, true);
    Map<String, TallyFacts.IncidentFact> byId = new HashMap<>();
    for (TallyFacts.IncidentFact f : facts.incidents()) byId.put(f.id(), f);
    List<Row> out = new ArrayList<>(base.incidents().size());
    for (Incident i : base.incidents()) {
      if (i.time().start().isAfter(asOf)) continue;
      TallyFacts.IncidentFact f = byId.get(i.id());
      String grade = f == null ? "ungraded" : f.gradeOn(asOf).map(g -> g.name().toLowerCase(Locale.ROOT)).orElse("ungraded");
      out.add(new Row(i.id(), campaign, i.title(), i.time(), i.place().name(),
          i.place().point().map(p -> p.lat()).orElse(null), i.place().point().map(p -> p.lon()).orElse(null),
          grade, i.suspectedBelligerents(), i.strikeType().name().toLowerCase(Locale.ROOT), Optional.ofNullable(killed.get(i.id()))));
    }
    rows.keySet().removeIf(k -> k.head() != head); // earlier heads are of no further use
    if (rows.size() > 64) rows.clear();
    Rows built = new Rows(List.copyOf(out), new ConcurrentHashMap<>());
    rows.put(key, built);
    return built;
  }

  private List<Incident> readIncidents(String campaign) {
    return ledger.listAll(RecordType.INCIDENT, RecordQuery.live().withCampaign(campaign)).stream().map(r -> r.as(Incident.class)).toList();
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
      if (!place.isEmpty() && !(r.place().toLowerCase(Locale.ROOT).contains(place) || r.title().toLowerCase(Locale.ROOT).contains(place))) continue;
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
