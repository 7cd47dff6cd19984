package org.harmledger.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.Case;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.Claim;
import org.harmledger.domain.ClaimSubject;
import org.harmledger.domain.Coordinates;
import org.harmledger.domain.Grading;
import org.harmledger.domain.Incident;
import org.harmledger.domain.LinkDecision;
import org.harmledger.domain.Range;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Source;
import org.harmledger.domain.Victim;
import org.harmledger.ledger.StoredRecord;

/**
 * How a record becomes table rows. The same function writes the rows and, in {@code verify},
 * computes the rows a replay of the ledger implies, so the two can be compared column by column.
 * Values are only Long, Double, String or null. Thread-safe (no state).
 */
final class Projection {
  /** A table: its columns in order; the first {@code keyColumns} form its primary key. */
  record Table(String name, RecordType type, boolean child, int keyColumns, List<String> columns, String insertSql, String upsertSql, String deleteSql) {
    Table(String name, RecordType type, boolean child, int keyColumns, List<String> columns) {
      this(name, type, child, keyColumns, columns,
          "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES (" + String.join(",", java.util.Collections.nCopies(columns.size(), "?")) + ")",
          "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES (" + String.join(",", java.util.Collections.nCopies(columns.size(), "?")) + ")"
              + " ON CONFLICT (id) DO UPDATE SET " + String.join(", ", columns.stream().skip(1).map(x -> x + " = excluded." + x).toList()),
          "DELETE FROM " + name + " WHERE " + columns.get(0) + " = ?");
    }

    // Tables are constants: identity by name, without hashing their column lists on every row.
    @Override
    public boolean equals(Object o) {
      return o instanceof Table t && t.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }

    String keyOf(Object[] row) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < keyColumns; i++) {
        if (i > 0) b.append('\u0000');
        b.append(Canon.text(row[i]));
      }
      return b.toString();
    }
  }

  private static final List<String> COMMON = List.of("id", "version", "created_seq", "created_at", "updated_at", "retracted");

  private static List<String> main(String... more) {
    List<String> c = new ArrayList<>(COMMON);
    c.addAll(List.of(more));
    c.add("entry_seq");
    return List.copyOf(c);
  }

  static final Table CAMPAIGNS = new Table("campaigns", RecordType.CAMPAIGN, false, 1, main("name", "start_date", "end_date", "south", "west", "north", "east"));
  static final Table SOURCES = new Table("sources", RecordType.SOURCE, false, 1, main("kind", "publisher", "role", "published", "confidential", "archive_sha256"));
  static final Table INCIDENTS = new Table("incidents", RecordType.INCIDENT, false, 1, main("campaign_id", "title", "start_date", "end_date", "lat", "lon", "grade"));
  static final Table INCIDENT_GRADINGS = new Table("incident_gradings", RecordType.INCIDENT, true, 2, List.of("incident_id", "n", "grade", "on_date"));
  static final Table CLAIMS = new Table("claims", RecordType.CLAIM, false, 1, main("source_id", "claimant_name", "claimant_role", "subject_kind", "campaign_id", "scope_key", "killed_min", "killed_max", "injured_min", "injured_max", "dated", "status", "agg_start", "agg_end", "agg_south", "agg_west", "agg_north", "agg_east"));
  static final Table CLAIM_INCIDENTS = new Table("claim_incidents", RecordType.CLAIM, true, 2, List.of("claim_id", "incident_id"));
  static final Table CASES = new Table("cases", RecordType.CASE, false, 1, main("belligerent", "campaign_id", "state"));
  static final Table CASE_STEPS = new Table("case_steps", RecordType.CASE, true, 2, List.of("case_id", "n", "state", "on_date", "reason", "conceded_killed_min", "conceded_killed_max", "conceded_injured_min", "conceded_injured_max"));
  static final Table CASE_INCIDENTS = new Table("case_incidents", RecordType.CASE, true, 2, List.of("case_id", "incident_id"));
  static final Table VICTIMS = new Table("victims", RecordType.VICTIM, false, 1, main("incident_id", "outcome", "confidential"));
  static final Table VICTIM_SOURCES = new Table("victim_sources", RecordType.VICTIM, true, 2, List.of("victim_id", "source_id"));
  static final Table LINK_DECISIONS = new Table("link_decisions", RecordType.LINK_DECISION, false, 1, main("victim_a", "victim_b", "decision"));

  /** Parents before children, so inserts respect foreign keys. */
  static final List<Table> ALL = List.of(CAMPAIGNS, SOURCES, INCIDENTS, INCIDENT_GRADINGS, CLAIMS, CLAIM_INCIDENTS, CASES, CASE_STEPS, CASE_INCIDENTS, VICTIMS, VICTIM_SOURCES, LINK_DECISIONS);

  private static final Map<RecordType, List<Table>> BY_TYPE = new java.util.EnumMap<>(RecordType.class);

  static {
    for (RecordType type : RecordType.values()) BY_TYPE.put(type, ALL.stream().filter(t -> t.type() == type).toList());
  }

  /** The tables of a type, its main table first (asked for every record written or verified). */
  static List<Table> tablesOf(RecordType type) {
    return BY_TYPE.get(type);
  }

  private Projection() {}

  /** The rows of every table of the record's type (child tables may have none). */
  static Map<Table, List<Object[]>> rows(StoredRecord s) {
    Map<Table, List<Object[]>> out = new LinkedHashMap<>();
    for (Table t : tablesOf(s.type())) out.put(t, new ArrayList<>());
    Object[] common = {s.id(), s.version(), s.createdSeq(), s.createdAt().toString(), s.updatedAt().toString(), s.retracted().orElse(null)};
    switch (s.record()) {
      case Campaign c -> {
        Optional<BoundingBox> b = c.area().bbox();
        out.get(CAMPAIGNS).add(row(common, c.name(), c.period().start().toString(), c.period().end().toString(),
            b.map(BoundingBox::south).orElse(null), b.map(BoundingBox::west).orElse(null), b.map(BoundingBox::north).orElse(null), b.map(BoundingBox::east).orElse(null), s.entrySeq()));
      }
      case Source src -> out.get(SOURCES).add(row(common, lower(src.kind()), src.publisher(), lower(src.role()), src.published().map(Object::toString).orElse(null),
          src.confidential() ? 1L : 0L, src.archive().map(a -> a.sha256()).orElse(null), s.entrySeq()));
      case Incident i -> {
        Optional<Coordinates> p = i.place().point();
        out.get(INCIDENTS).add(row(common, i.campaign().orElse(null), i.title(), i.time().start().toString(), i.time().end().toString(),
            p.map(Coordinates::lat).orElse(null), p.map(Coordinates::lon).orElse(null), i.currentGrading().map(g -> lower(g.grade())).orElse(null), s.entrySeq()));
        long n = 0;
        for (Grading g : i.gradings()) out.get(INCIDENT_GRADINGS).add(new Object[] {i.id(), ++n, lower(g.grade()), g.on().toString()});
      }
      case Claim c -> {
        String campaign = null;
        Object aggStart = null, aggEnd = null, s1 = null, w1 = null, n1 = null, e1 = null;
        if (c.subject() instanceof ClaimSubject.Aggregate a) {
          campaign = a.campaign();
          if (a.period().isPresent()) {
            aggStart = a.period().get().start().toString();
            aggEnd = a.period().get().end().toString();
          }
          Optional<BoundingBox> b = a.area().flatMap(x -> x.bbox());
          if (b.isPresent()) {
            s1 = b.get().south();
            w1 = b.get().west();
            n1 = b.get().north();
            e1 = b.get().east();
          }
        }
        String kind = switch (c.subject()) {
          case ClaimSubject.OneIncident o -> "incident";
          case ClaimSubject.IncidentSet x -> "incidents";
          case ClaimSubject.Aggregate a -> "aggregate";
        };
        out.get(CLAIMS).add(row(common, c.source(), c.claimant().map(x -> x.name()).orElse(null), c.claimant().map(x -> lower(x.role())).orElse(null),
            kind, campaign, c.subject().scopeKey(), min(c.killed()), max(c.killed()), min(c.injured()), max(c.injured()),
            c.dated().map(Object::toString).orElse(null), lower(c.status()), aggStart, aggEnd, s1, w1, n1, e1, s.entrySeq()));
        for (String inc : new java.util.TreeSet<>(c.subject().incidentIds())) out.get(CLAIM_INCIDENTS).add(new Object[] {c.id(), inc});
      }
      case Case c -> {
        String state = c.history().isEmpty() ? "open" : lower(c.history().get(c.history().size() - 1).state());
        out.get(CASES).add(row(common, c.belligerent(), c.campaign().orElse(null), state, s.entrySeq()));
        long n = 0;
        for (CaseStep st : c.history()) {
          out.get(CASE_STEPS).add(new Object[] {c.id(), ++n, lower(st.state()), st.on().toString(), st.reason().map(Projection::lower).orElse(null),
              min(st.concededKilled()), max(st.concededKilled()), min(st.concededInjured()), max(st.concededInjured())});
        }
        for (String inc : new java.util.TreeSet<>(c.incidents())) out.get(CASE_INCIDENTS).add(new Object[] {c.id(), inc});
      }
      case Victim v -> {
        out.get(VICTIMS).add(row(common, v.incident().orElse(null), lower(v.outcome()), v.confidential() ? 1L : 0L, s.entrySeq()));
        for (String src : new java.util.TreeSet<>(v.sources())) out.get(VICTIM_SOURCES).add(new Object[] {v.id(), src});
      }
      case LinkDecision d -> out.get(LINK_DECISIONS).add(row(common, d.victimA(), d.victimB(), lower(d.decision()), s.entrySeq()));
    }
    return out;
  }

  private static Object[] row(Object[] common, Object... rest) {
    Object[] r = new Object[common.length + rest.length];
    System.arraycopy(common, 0, r, 0, common.length);
    System.arraycopy(rest, 0, r, common.length, rest.length);
    return r;
  }

  static String lower(Enum<?> e) {
    return e == null ? null : e.name().toLowerCase();
  }

  private static Long min(Optional<Range> r) {
    return r.map(Range::min).orElse(null);
  }

  private static Long max(Optional<Range> r) {
    if (r.isEmpty()) return null;
    OptionalLong m = r.get().max();
    return m.isPresent() ? m.getAsLong() : null;
  }
}
