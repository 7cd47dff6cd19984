package org.harmledger.tally;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.harmledger.domain.BoundingBox;
import org.harmledger.domain.Campaign;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Range;
import org.harmledger.domain.Role;

/**
 * Everything a tally of one campaign can need, on any date: its live accepted claims (with the
 * date each was made), its live incidents with their whole grading history, and its cases with
 * every step. {@link Tally} narrows them to a date and a filter, so one load of facts serves any
 * number of tallies (the service keeps the last load until the ledger changes). Plain data.
 */
public final class TallyFacts {
  private final Campaign campaign;
  private final List<ClaimFact> claims;
  private final List<IncidentFact> incidents;
  private final List<CaseFact> cases;

  // Built once per load and reused by every tally on these facts: ids become array positions,
  // so the rules add up hundreds of thousands of claims over arrays rather than hash maps.
  final Map<String, Integer> incidentPosition;
  /** Per claim: the position of its one incident; -1 if that incident is not here; -2 if not a single-incident claim. */
  final int[] singleIncident;
  /** Per claim: a small number standing for its claimant (equal keys, equal numbers). */
  final int[] claimant;
  /** Per claim about a set of incidents: their positions (-1 for one not here); null otherwise. */
  final int[][] setIncidents;
  /** Per measure (0 killed, 1 injured) and claim: 0 no figure, 1 a closed range, 2 open above. */
  final byte[][] figureKind = new byte[2][];
  final long[][] figureMin = new long[2][];
  final long[][] figureMax = new long[2][];
  /** Per claim: the day it was made (epoch day) and its order of recording. */
  final long[] day;
  final long[] order;
  /** Per claim: its id. */
  final String[] ids;
  /**
   * Each claim's summary for a tally's basis, made on first use and kept with the facts (which the
   * service keeps until the ledger changes): a tally of a large campaign lists 230,000 of them.
   * Racing threads may both make one; they are equal and immutable, so either may stay.
   */
  private final TallyReport.ClaimSummary[] summaries;

  TallyReport.ClaimSummary summary(int k) {
    TallyReport.ClaimSummary s = summaries[k];
    if (s == null) summaries[k] = s = new TallyReport.ClaimSummary(claims().get(k));
    return s;
  }

  public TallyFacts(Campaign campaign, List<ClaimFact> claims, List<IncidentFact> incidents, List<CaseFact> cases) {
    this(campaign, sortedById(claims, ClaimFact::id), sortedById(incidents, IncidentFact::id), cases, null, null);
  }

  /**
   * Claims and incidents are kept in id order whatever order the store read them in, so that the
   * facts (and the order of a tally's lists) are the same whether they were read whole or
   * {@linkplain #updated updated}. The store reads them in id order already, which the sort
   * detects in one pass.
   */
  private static <T> List<T> sortedById(List<T> items, Function<T, String> id) {
    List<T> out = new ArrayList<>(items);
    out.sort(Comparator.comparing(id));
    return out;
  }

  /** Claimant key → its small number (kept so that an update numbers new claimants after the old). */
  private final Map<String, Integer> claimants;

  /**
   * With {@code previous}, {@code previousPosition[k]} is where claim k was in it (-1 for a claim
   * read again): what was worked out for it there is copied rather than worked out again, which
   * is what makes an update after a small write cost milliseconds on 300,000 claims.
   */
  private TallyFacts(Campaign campaign, List<ClaimFact> claims, List<IncidentFact> incidents, List<CaseFact> cases, TallyFacts previous, int[] previousPosition) {
    this.campaign = campaign;
    this.claims = List.copyOf(claims);
    this.cases = List.copyOf(cases);
    int[] remap = null; // previous incident position → this one, when the incidents changed
    if (previous != null && previous.incidents == incidents) {
      this.incidents = previous.incidents;
      this.incidentPosition = previous.incidentPosition;
    } else {
      this.incidents = List.copyOf(incidents);
      this.incidentPosition = new HashMap<>(incidents.size() * 2);
      for (int p = 0; p < this.incidents.size(); p++) incidentPosition.put(this.incidents.get(p).id(), p);
      if (previous != null) {
        remap = new int[previous.incidents.size()];
        for (int p = 0; p < remap.length; p++) remap[p] = incidentPosition.getOrDefault(previous.incidents.get(p).id(), -1);
      }
    }
    int size = this.claims.size();
    this.singleIncident = new int[size];
    this.claimant = new int[size];
    this.setIncidents = new int[size][];
    for (int m = 0; m < 2; m++) {
      figureKind[m] = new byte[size];
      figureMin[m] = new long[size];
      figureMax[m] = new long[size];
    }
    this.day = new long[size];
    this.ids = new String[size];
    this.summaries = new TallyReport.ClaimSummary[size];
    this.order = new long[size];
    this.claimants = previous == null ? new HashMap<>() : new HashMap<>(previous.claimants);
    for (int k = 0; k < size; k++) {
      ClaimFact c = this.claims.get(k);
      int q = previousPosition == null ? -1 : previousPosition[k];
      if (q < 0) {
        derive(k, c);
        continue;
      }
      int single = previous.singleIncident[q];
      singleIncident[k] = remap != null && single >= 0 ? remap[single] : single;
      claimant[k] = previous.claimant[q];
      day[k] = previous.day[q];
      ids[k] = previous.ids[q];
      order[k] = previous.order[q];
      summaries[k] = previous.summaries[q];
      for (int m = 0; m < 2; m++) {
        figureKind[m][k] = previous.figureKind[m][q];
        figureMin[m][k] = previous.figureMin[m][q];
        figureMax[m][k] = previous.figureMax[m][q];
      }
      if (previous.setIncidents[q] != null) setIncidents[k] = remap == null ? previous.setIncidents[q] : incidentPositions(c);
    }
  }

  /** Works out claim k's entries in the arrays from the claim itself. */
  private void derive(int k, ClaimFact c) {
    singleIncident[k] = !c.aggregate() && c.incidents().size() == 1 ? incidentPosition.getOrDefault(c.incidents().get(0), -1) : -2;
    claimant[k] = claimants.computeIfAbsent(c.claimantKey(), x -> claimants.size());
    day[k] = c.date().toEpochDay();
    ids[k] = c.id();
    order[k] = c.order();
    for (int m = 0; m < 2; m++) {
      Optional<Range> r = m == 0 ? c.killed() : c.injured();
      if (r.isEmpty()) continue;
      figureKind[m][k] = (byte) (r.get().max().isPresent() ? 1 : 2);
      figureMin[m][k] = r.get().min();
      figureMax[m][k] = r.get().max().orElse(0);
    }
    if (!c.aggregate() && c.incidents().size() > 1) setIncidents[k] = incidentPositions(c);
  }

  private int[] incidentPositions(ClaimFact c) {
    return c.incidents().stream().mapToInt(i -> incidentPosition.getOrDefault(i, -1)).toArray();
  }

  /**
   * These facts after some records changed, without reading the whole campaign again: the claims
   * and incidents named in {@code dropClaims} and {@code dropIncidents} are taken out, then
   * {@code addClaims} and {@code addIncidents} (their current versions, where they still belong
   * to the campaign) are put in; {@code cases}, when present, replaces the cases. What was worked
   * out for unchanged claims (their basis summaries too) is kept. The result equals a fresh read
   * of the same state (the tests compare the two after every kind of write).
   */
  public TallyFacts updated(
      java.util.Set<String> dropClaims,
      List<ClaimFact> addClaims,
      java.util.Set<String> dropIncidents,
      List<IncidentFact> addIncidents,
      Optional<List<CaseFact>> newCases) {
    List<ClaimFact> added = sortedById(addClaims, ClaimFact::id);
    List<ClaimFact> merged = new ArrayList<>(claims.size() + added.size());
    int[] from = new int[claims.size() + added.size()];
    int a = 0;
    for (int k = 0; k < claims.size(); k++) {
      ClaimFact c = claims.get(k);
      while (a < added.size() && added.get(a).id().compareTo(c.id()) < 0) {
        from[merged.size()] = -1;
        merged.add(added.get(a++));
      }
      if (dropClaims.contains(c.id())) continue;
      from[merged.size()] = k;
      merged.add(c);
    }
    while (a < added.size()) {
      from[merged.size()] = -1;
      merged.add(added.get(a++));
    }
    List<IncidentFact> incidentsNow = incidents;
    if (!dropIncidents.isEmpty() || !addIncidents.isEmpty()) {
      incidentsNow = new ArrayList<>(incidents.size() + addIncidents.size());
      for (IncidentFact i : incidents) if (!dropIncidents.contains(i.id())) incidentsNow.add(i);
      incidentsNow.addAll(addIncidents);
      incidentsNow = sortedById(incidentsNow, IncidentFact::id);
    }
    return new TallyFacts(campaign, merged, incidentsNow, newCases.orElse(cases), this, from);
  }

  /**
   * The claims about one incident, grouped by incident (ascending claim position within each),
   * with what supersession and the envelope read of each copied into that order: a tally then
   * walks each array once from start to end instead of jumping about 300,000 claims six arrays at
   * a time. Depends on the facts alone (not on a tally's date or filter), so it is made on first
   * use and kept; racing threads may both make one, equal, and either may stay.
   */
  static final class ByIncident {
    /** Incident p's claims are at {@code start[p] .. start[p + 1]}. */
    final int[] start;
    /** The claim's position in the facts. */
    final int[] claim;
    final long[] day;
    final long[] order;
    final int[] claimant;
    final byte[][] kind = new byte[2][];
    final long[][] min = new long[2][];
    final long[][] max = new long[2][];

    ByIncident(TallyFacts f) {
      int n = f.incidents.size();
      start = new int[n + 1];
      int count = 0;
      for (int p : f.singleIncident) {
        if (p < 0) continue;
        start[p + 1]++;
        count++;
      }
      for (int p = 0; p < n; p++) start[p + 1] += start[p];
      claim = new int[count];
      int[] fill = java.util.Arrays.copyOf(start, n);
      for (int k = 0; k < f.singleIncident.length; k++) if (f.singleIncident[k] >= 0) claim[fill[f.singleIncident[k]]++] = k;
      day = new long[count];
      order = new long[count];
      claimant = new int[count];
      for (int m = 0; m < 2; m++) {
        kind[m] = new byte[count];
        min[m] = new long[count];
        max[m] = new long[count];
      }
      for (int g = 0; g < count; g++) {
        int k = claim[g];
        day[g] = f.day[k];
        order[g] = f.order[k];
        claimant[g] = f.claimant[k];
        for (int m = 0; m < 2; m++) {
          kind[m][g] = f.figureKind[m][k];
          min[m][g] = f.figureMin[m][k];
          max[m][g] = f.figureMax[m][k];
        }
      }
    }
  }

  private ByIncident byIncident;

  ByIncident byIncident() {
    ByIncident b = byIncident;
    if (b == null) byIncident = b = new ByIncident(this);
    return b;
  }

  /**
   * Per claim not about a single incident (aggregates and sets), a number standing for its
   * claimant and scope together (equal pairs, equal numbers; -1 for single-incident claims), the
   * key of supersession; {@code count} numbers in all. Made on first use and kept, as {@link ByIncident}.
   */
  record GeneralKeys(int[] key, int count) {}

  private GeneralKeys generalKeys;

  GeneralKeys generalKeys() {
    GeneralKeys g = generalKeys;
    if (g == null) {
      int[] key = new int[claims.size()];
      // one text per pair: a String's hash mixes every character (a record of the two strings
      // hashed as 31·a + b collided badly for ids that count up)
      Map<String, Integer> numbers = new HashMap<>();
      for (int k = 0; k < key.length; k++) {
        if (singleIncident[k] >= 0) {
          key[k] = -1;
          continue;
        }
        ClaimFact c = claims.get(k);
        key[k] = numbers.computeIfAbsent(c.claimantKey() + '\u0000' + c.scopeKey(), x -> numbers.size());
      }
      generalKeys = g = new GeneralKeys(key, numbers.size());
    }
    return g;
  }

  /** Where claim {@code id} is in these facts (their claims are in id order), or {@code -(insertion point) - 1}. */
  int position(String id) {
    return java.util.Arrays.binarySearch(ids, id);
  }

  /** Whether an incident is one of these facts' (live, in the campaign). */
  public boolean hasIncident(String id) {
    return incidentPosition.containsKey(id);
  }

  public Campaign campaign() {
    return campaign;
  }

  public List<ClaimFact> claims() {
    return claims;
  }

  public List<IncidentFact> incidents() {
    return incidents;
  }

  public List<CaseFact> cases() {
    return cases;
  }

  /**
   * One claim as the tally sees it. {@code order} breaks ties between claims of the same date
   * (the later recorded wins). Aggregate claims carry their scope; incident claims their incidents.
   */
  public record ClaimFact(
      String id,
      String source,
      String claimant,
      String claimantKey,
      Role role,
      boolean aggregate,
      String scopeKey,
      List<String> incidents,
      Optional<Range> killed,
      Optional<Range> injured,
      LocalDate date,
      long order,
      Optional<DateSpan> period,
      Optional<BoundingBox> bbox) {}

  /** A grading taking effect on a date. */
  public record GradeOn(Grade grade, LocalDate on) {}

  /** An incident: when and where, and its gradings in the order given. */
  public record IncidentFact(String id, DateSpan time, Double lat, Double lon, List<GradeOn> gradings) {
    /** The grading in force at the end of {@code date}: the last one taking effect by then. */
    public Optional<Grade> gradeOn(LocalDate date) {
      Grade g = null;
      for (GradeOn x : gradings) if (!x.on().isAfter(date)) g = x.grade();
      return Optional.ofNullable(g);
    }
  }

  /**
   * A case as a tally needs it: its steps, and the incidents it was linked to with the recorder's
   * confidence in each match ({@code null}: not stated) and the day each match is known from
   * ({@code matchedOn}; an incident without one counts from the case's opening).
   */
  public record CaseFact(String id, String belligerent, List<CaseStep> steps, Map<String, org.harmledger.domain.MatchConfidence> incidents,
      Optional<org.harmledger.domain.AllegationChannel> channel, Map<String, LocalDate> matchedOn) {
    public CaseFact {
      incidents = incidents == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(incidents));
      channel = channel == null ? Optional.empty() : channel;
      matchedOn = matchedOn == null ? Map.of() : Map.copyOf(matchedOn);
    }

    /** A case whose matches carry no day. */
    public CaseFact(String id, String belligerent, List<CaseStep> steps, Map<String, org.harmledger.domain.MatchConfidence> incidents,
        Optional<org.harmledger.domain.AllegationChannel> channel) {
      this(id, belligerent, steps, incidents, channel, Map.of());
    }

    /** A case whose allegation's channel is not recorded. */
    public CaseFact(String id, String belligerent, List<CaseStep> steps, Map<String, org.harmledger.domain.MatchConfidence> incidents) {
      this(id, belligerent, steps, incidents, Optional.empty());
    }

    /** A case linked to no incident. */
    public CaseFact(String id, String belligerent, List<CaseStep> steps) {
      this(id, belligerent, steps, Map.of());
    }

    /** This case with only {@code steps} (those taken by some date). */
    public CaseFact withSteps(List<CaseStep> steps) {
      return new CaseFact(id, belligerent, steps, incidents, channel, matchedOn);
    }

    /** This case as it stood at the end of {@code date}: the steps taken and the matches known by then. */
    public CaseFact asOf(LocalDate date) {
      List<CaseStep> taken = new ArrayList<>(steps.size());
      for (CaseStep s : steps) if (!s.on().isAfter(date)) taken.add(s);
      Map<String, org.harmledger.domain.MatchConfidence> known = incidents;
      if (!matchedOn.isEmpty()) {
        known = new HashMap<>();
        for (var e : incidents.entrySet()) {
          LocalDate on = matchedOn.get(e.getKey());
          if (on == null || !on.isAfter(date)) known.put(e.getKey(), e.getValue());
        }
      }
      return new CaseFact(id, belligerent, taken, known, channel, matchedOn);
    }

    /** Its steps, incidents and matches, and how its allegation came in, from the case itself. */
    public static CaseFact of(org.harmledger.domain.Case k) {
      Map<String, org.harmledger.domain.MatchConfidence> incidents = new java.util.TreeMap<>();
      Map<String, LocalDate> matchedOn = new HashMap<>();
      for (String i : k.incidents()) {
        Optional<org.harmledger.domain.IncidentMatch> m = k.match(i);
        incidents.put(i, m.map(org.harmledger.domain.IncidentMatch::confidence).orElse(null));
        m.flatMap(org.harmledger.domain.IncidentMatch::on).ifPresent(d -> matchedOn.put(i, d));
      }
      return new CaseFact(k.id(), k.belligerent(), k.history(), incidents, k.allegation().flatMap(org.harmledger.domain.Allegation::channel), matchedOn);
    }
  }
}
