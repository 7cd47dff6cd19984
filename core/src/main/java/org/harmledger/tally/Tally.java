package org.harmledger.tally;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.harmledger.domain.CaseState;
import org.harmledger.domain.CaseStep;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.MatchConfidence;
import org.harmledger.domain.Range;
import org.harmledger.tally.TallyFacts.CaseFact;
import org.harmledger.tally.TallyFacts.ClaimFact;
import org.harmledger.tally.TallyFacts.IncidentFact;
import org.harmledger.tally.TallyReport.CaseCounts;
import org.harmledger.tally.TallyReport.IncidentMatching;
import org.harmledger.tally.TallyReport.ClaimSummary;
import org.harmledger.tally.TallyReport.Excluded;
import org.harmledger.tally.TallyReport.Figure;
import org.harmledger.tally.TallyReport.Measure;
import org.harmledger.tally.TallyReport.Ratio;
import org.harmledger.tally.TallyReport.Superseded;

/**
 * The tally rules. Pure: facts in, report out. Thread-safe (no state).
 *
 * <ul>
 *   <li><b>Supersession.</b> For each measure, a claimant's latest claim (by date, then by order
 *       of recording) on a scope replaces its earlier ones on the same scope.
 *   <li><b>Official.</b> The accused belligerent's aggregate claims (envelope across claimants),
 *       raised to at least the sum of the figures it conceded in cases whose latest assessment
 *       is credible: whichever concession is larger is what it has admitted.
 *   <li><b>Independent.</b> The envelope (lowest minimum, highest maximum) of independent
 *       claimants' aggregate claims: the spread of independent word, not an average.
 *   <li><b>Documented.</b> Each incident counted once. Incidents joined by a claim about a set
 *       ("70 in four incidents") form one group; each complete account of a group (a set claim
 *       plus single-incident claims for the rest, or single claims for all) is a range, and the
 *       group's range is their envelope. Discounted incidents are left out.
 * </ul>
 */
public final class Tally {
  private Tally() {}

  public static TallyReport compute(TallyFacts facts, LocalDate asOf, TallyFilter filter) {
    return compute(facts, asOf, filter, true);
  }

  /**
   * With {@code basis} false the figures are the same but the lists of claims behind them (and
   * their summaries) are left out, and so are the claims superseded and left out (null, not
   * empty): a dashboard over a very large campaign needs only the numbers.
   */
  public static TallyReport compute(TallyFacts facts, LocalDate asOf, TallyFilter filter, boolean basis) {
    // Without the basis these lists are not made at all: a chart of the gap runs 40 tallies, and
    // on a large campaign each would otherwise spell out why 70,000 claims were left out.
    List<Excluded> excluded = basis ? new ArrayList<>() : null;
    List<Superseded> superseded = basis ? new ArrayList<>() : null;
    // Incidents that had begun by the date and lie inside the filter, with the grading then.
    int n = facts.incidents().size();
    boolean[] live = new boolean[n];
    Grade[] grade = new Grade[n];
    for (int p = 0; p < n; p++) {
      IncidentFact i = facts.incidents().get(p);
      if (i.time().start().isAfter(asOf)) continue;
      if (filter.period().isPresent() && !i.time().overlaps(filter.period().get())) continue;
      if (filter.bbox().isPresent() && (i.lat() == null || !filter.bbox().get().contains(i.lat(), i.lon()))) continue;
      live[p] = true;
      grade[p] = i.gradeOn(asOf).orElse(null);
    }
    Scope scope = new Scope(facts, live, grade);

    // Decide, once, which claims are in scope; supersession is per measure below.
    int[] inScope = new int[facts.claims().size()];
    int count = 0;
    DateSpan campaignPeriod = facts.campaign().period();
    for (int k = 0; k < facts.claims().size(); k++) {
      ClaimFact c = facts.claims().get(k);
      if (c.date().isAfter(asOf)) continue; // not yet said
      if (c.aggregate()) {
        DateSpan p = c.period().orElse(campaignPeriod);
        if (filter.period().isPresent() && !p.within(filter.period().get())) {
          if (excluded != null) excluded.add(new Excluded(c.id(), "its period " + p + " is wider than the filter's " + filter.period().get()));
          continue;
        }
        if (filter.bbox().isPresent()
            && (c.bbox().or(() -> facts.campaign().area().bbox()).isEmpty()
                || !c.bbox().or(() -> facts.campaign().area().bbox()).get().within(filter.bbox().get()))) {
          if (excluded != null) excluded.add(new Excluded(c.id(), "its area is not inside the filter's box"));
          continue;
        }
      } else {
        String outside = null;
        String discounted = null;
        int single = facts.singleIncident[k];
        if (single != -2) { // one incident: its position is known since the facts were read
          if (single < 0 || !live[single]) outside = c.incidents().get(0);
          else if (grade[single] == Grade.DISCOUNTED) discounted = c.incidents().get(0);
        } else {
          int[] ps = facts.setIncidents[k];
          for (int x = 0; x < ps.length; x++) {
            int p = ps[x];
            if (p < 0 || !live[p]) outside = c.incidents().get(x);
            else if (grade[p] == Grade.DISCOUNTED) discounted = c.incidents().get(x);
          }
        }
        if (outside != null) {
          if (c.incidents().size() > 1) {
            if (excluded != null) excluded.add(new Excluded(c.id(), "it covers incident " + outside + ", which is outside this tally's scope"));
          }
          continue; // a single-incident claim outside the filter is simply not in scope
        }
        if (discounted != null) {
          if (excluded != null) excluded.add(new Excluded(c.id(), "incident " + discounted + " is graded discounted"));
          continue;
        }
      }
      inScope[count++] = k;
    }
    int[] claims = java.util.Arrays.copyOf(inScope, count);

    Map<String, ClaimSummary> summaries = new HashMap<>(count * 4 / 3 + 16); // written sorted by the JSON mapper
    List<CaseFact> cases = casesOn(facts.cases(), asOf);
    boolean[] listed = new boolean[facts.claims().size()];
    boolean[] documentedIncidents = new boolean[facts.incidents().size()];
    Measure killed = measure("killed", ClaimFact::killed, facts, claims, scope, cases, superseded, summaries, listed, true, basis, documentedIncidents);
    Measure injured = measure("injured", ClaimFact::injured, facts, claims, scope, cases, superseded, summaries, listed, false, basis, null);
    return new TallyReport(
        facts.campaign().id(),
        facts.campaign().name(),
        asOf,
        filter.period().map(DateSpan::toString),
        filter.bbox().map(b -> b.south() + "," + b.west() + "," + b.north() + "," + b.east()),
        killed,
        injured,
        caseCounts(cases, matching(cases, documentedIncidents, scope, basis)),
        summaries,
        superseded,
        excluded);
  }

  /** The incidents a tally counts: positions in the facts, whether each is in scope, its grading. */
  private record Scope(TallyFacts facts, boolean[] live, Grade[] grade) {
    /** The position of a live incident, or -1 when it is unknown or outside the scope. */
    int position(String id) {
      Integer p = facts.incidentPosition.get(id);
      return p == null || !live[p] ? -1 : p;
    }

    String id(int p) {
      return facts.incidents().get(p).id();
    }
  }

  /** Each case as it stood at the end of {@code date}: the steps taken and the matches known by then. */
  private static List<CaseFact> casesOn(List<CaseFact> cases, LocalDate date) {
    List<CaseFact> out = new ArrayList<>(cases.size());
    for (CaseFact c : cases) out.add(c.asOf(date));
    return out;
  }

  /**
   * Each incident's killed ({@code killed} true) or injured figure on a date, for lists, maps and
   * exports: the envelope of its current claims about it alone (a claimant's later figure
   * replacing its earlier one, as in the tally).
   * A figure given for a set of incidents is not split among them, so such incidents may have none.
   */
  public static Map<String, Range> incidentFigure(TallyFacts facts, LocalDate asOf, boolean killed) {
    Map<String, Range> out = new HashMap<>();
    incidentFigures(facts, asOf, killed).forEach((id, f) -> out.put(id, f.range()));
    return out;
  }

  /** An incident's figure and the claims it comes from: each claimant's current claim giving one. */
  public record IncidentFigure(Range range, List<String> claims) {}

  /** As {@link #incidentFigure}, with the claims behind each figure (for exports that list them). */
  public static Map<String, IncidentFigure> incidentFigures(TallyFacts facts, LocalDate asOf, boolean killed) {
    int m = killed ? 0 : 1;
    int[] singles = new int[facts.claims().size()];
    int n = 0;
    for (int k = 0; k < singles.length; k++) {
      if (facts.figureKind[m][k] != 0 && facts.singleIncident[k] >= 0 && !facts.claims().get(k).date().isAfter(asOf)) singles[n++] = k;
    }
    Singles s = supersedeSingles(killed ? "killed" : "injured", m, facts, java.util.Arrays.copyOf(singles, n), new ArrayList<>());
    Map<String, IncidentFigure> out = new HashMap<>();
    for (int p = 0; p < facts.incidents().size(); p++) {
      if (!s.has[p]) continue;
      List<String> claims = new ArrayList<>();
      s.claimIds(p, facts, claims);
      out.put(facts.incidents().get(p).id(), new IncidentFigure(s.range(p), List.copyOf(claims)));
    }
    return out;
  }

  private static Measure measure(
      String name,
      Function<ClaimFact, Optional<Range>> figure,
      TallyFacts facts,
      int[] claims,
      Scope scope,
      List<CaseFact> cases,
      List<Superseded> superseded,
      Map<String, ClaimSummary> summaries,
      boolean[] listed,
      boolean killed,
      boolean basis,
      boolean[] countedOut) {
    // Claims about one incident (the bulk) go through arrays; aggregates and sets, few, through maps.
    List<ClaimFact> general = new ArrayList<>();
    int[] singles = new int[claims.length];
    int ns = 0;
    int m = killed ? 0 : 1;
    for (int k : claims) {
      if (facts.figureKind[m][k] == 0) continue; // no figure for this measure
      if (facts.singleIncident[k] >= 0) singles[ns++] = k;
      else general.add(facts.claims().get(k));
    }
    Singles single = supersedeSingles(name, m, facts, java.util.Arrays.copyOf(singles, ns), superseded);
    List<ClaimFact> current = supersede(name, figure, general, superseded);

    List<ClaimFact> official = new ArrayList<>();
    List<ClaimFact> independent = new ArrayList<>();
    List<ClaimFact> other = new ArrayList<>();
    List<ClaimFact> sets = new ArrayList<>();
    for (ClaimFact c : current) {
      if (!c.aggregate()) sets.add(c);
      else if (c.role().isOfficial()) official.add(c);
      else if (c.role().isIndependent()) independent.add(c);
      else other.add(c);
    }
    for (ClaimFact c : current) summaries.putIfAbsent(c.id(), new ClaimSummary(c)); // few: always listed
    for (int k : basis ? single.winners : new int[0]) {
      if (k < 0 || listed[k]) continue; // superseded, or listed by the other measure
      listed[k] = true;
      summaries.put(facts.ids[k], facts.summary(k));
    }

    Figure officialFigure = officialFigure(official, cases, figure, killed);
    Figure independentFigure = envelope(independent, figure);
    Figure otherFigure = envelope(other, figure);
    Figure documented = documented(sets, single, scope, figure, basis, killed ? countedOut : null);
    return new Measure(officialFigure, independentFigure, documented, otherFigure, ratio(independentFigure, officialFigure));
  }

  /**
   * Single-incident claims after supersession, grouped by incident: the envelope of each
   * incident's current claims, and those claims ({@code winners[start[p] .. start[p+1]]}).
   */
  private static final class Singles {
    final boolean[] has;
    final long[] min;
    final long[] max;
    final boolean[] open;
    final int[] start;
    final int[] winners;

    Singles(int n, int[] start, int[] winners) {
      has = new boolean[n];
      min = new long[n];
      max = new long[n];
      open = new boolean[n];
      this.start = start;
      this.winners = winners;
    }

    Range range(int p) {
      return open[p] ? Range.atLeast(min[p]) : Range.between(min[p], max[p]);
    }

    void claimIds(int p, TallyFacts facts, List<String> into) {
      for (int w = start[p]; w < start[p + 1]; w++) {
        if (winners[w] >= 0) into.add(facts.ids[winners[w]]);
      }
    }
  }

  private static Singles supersedeSingles(String measure, int m, TallyFacts facts, int[] singles, List<Superseded> superseded) {
    int n = facts.incidents().size();
    // Group claim numbers by incident (a counting sort).
    int[] start = new int[n + 1];
    for (int k : singles) start[facts.singleIncident[k] + 1]++;
    for (int p = 0; p < n; p++) start[p + 1] += start[p];
    int[] grouped = new int[singles.length];
    int[] fill = java.util.Arrays.copyOf(start, n);
    for (int k : singles) grouped[fill[facts.singleIncident[k]]++] = k;

    Singles out = new Singles(n, start, grouped);
    byte[] kind = facts.figureKind[m];
    long[] min = facts.figureMin[m];
    long[] max = facts.figureMax[m];
    for (int p = 0; p < n; p++) {
      int from = start[p];
      int to = start[p + 1];
      if (from == to) continue;
      // Within one incident, a claimant's latest claim wins. A loser k is kept as -(k + 2), so the
      // claim that replaced it can be named afterwards from the same small group.
      boolean lost = false;
      for (int a = from; a < to; a++) {
        int ka = grouped[a];
        if (ka < 0) continue;
        for (int b = a + 1; b < to; b++) {
          int kb = grouped[b];
          if (kb < 0 || facts.claimant[kb] != facts.claimant[ka]) continue;
          lost = true;
          if (facts.day[kb] > facts.day[ka] || (facts.day[kb] == facts.day[ka] && facts.order[kb] > facts.order[ka])) {
            grouped[a] = -(ka + 2);
            break;
          }
          grouped[b] = -(kb + 2);
        }
      }
      if (lost) {
        List<ClaimFact> claims = facts.claims();
        for (int l = from; l < to; l++) {
          if (grouped[l] >= 0) continue;
          int k = -grouped[l] - 2;
          for (int w = from; w < to; w++) {
            if (grouped[w] >= 0 && facts.claimant[grouped[w]] == facts.claimant[k]) {
              if (superseded != null) superseded.add(new Superseded(claims.get(k).id(), claims.get(grouped[w]).id(), measure));
              break;
            }
          }
        }
      }
      for (int w = from; w < to; w++) {
        int k = grouped[w];
        if (k < 0) continue;
        if (!out.has[p]) {
          out.has[p] = true;
          out.min[p] = min[k];
          out.max[p] = max[k];
          out.open[p] = kind[k] == 2;
        } else {
          out.min[p] = Math.min(out.min[p], min[k]);
          if (kind[k] == 2) out.open[p] = true;
          else out.max[p] = Math.max(out.max[p], max[k]);
        }
      }
    }
    return out;
  }

  private record ScopeKey(String claimant, String scope) {
    // The record's default hash (31·a + b) collides badly for ids that count up ("publisher 12",
    // "incident:i340"), which turned supersession quadratic on large ledgers; mix the halves.
    @Override
    public int hashCode() {
      int h = claimant.hashCode() * 0x9E3779B9 ^ scope.hashCode();
      return h ^ (h >>> 16);
    }
  }

  /** Keeps each claimant's latest claim per scope among those giving this measure. */
  static List<ClaimFact> supersede(
      String measure,
      Function<ClaimFact, Optional<Range>> figure,
      List<ClaimFact> claims,
      List<Superseded> superseded) {
    Comparator<ClaimFact> latestLast =
        Comparator.comparing(ClaimFact::date).thenComparingLong(ClaimFact::order);
    Map<ScopeKey, ClaimFact> winner = new LinkedHashMap<>(claims.size() * 2);
    Map<ScopeKey, List<ClaimFact>> losers = new HashMap<>();
    for (ClaimFact c : claims) {
      if (figure.apply(c).isEmpty()) continue;
      ScopeKey key = new ScopeKey(c.claimantKey(), c.scopeKey());
      ClaimFact w = winner.get(key);
      if (w == null) {
        winner.put(key, c);
      } else if (latestLast.compare(c, w) > 0) {
        losers.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
        winner.put(key, c);
      } else {
        losers.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
      }
    }
    for (var e : losers.entrySet()) {
      String by = winner.get(e.getKey()).id();
      if (superseded != null) for (ClaimFact l : e.getValue()) superseded.add(new Superseded(l.id(), by, measure));
    }
    return new ArrayList<>(winner.values());
  }

  private static Figure envelope(List<ClaimFact> claims, Function<ClaimFact, Optional<Range>> figure) {
    Range r = null;
    List<String> ids = new ArrayList<>();
    for (ClaimFact c : claims) {
      Range x = figure.apply(c).orElseThrow();
      r = r == null ? x : r.envelope(x);
      ids.add(c.id());
    }
    return r == null ? Figure.unknown() : Figure.of(r, ids);
  }

  private static Figure officialFigure(
      List<ClaimFact> aggregate, List<CaseFact> cases, Function<ClaimFact, Optional<Range>> figure, boolean killed) {
    Figure claimed = envelope(aggregate, figure);
    Range conceded = null;
    List<String> caseIds = new ArrayList<>();
    for (CaseFact c : cases) {
      CaseStep assessment = latestAssessment(c.steps());
      if (assessment == null || assessment.state() != CaseState.CREDIBLE) continue;
      Optional<Range> r = killed ? assessment.concededKilled() : assessment.concededInjured();
      if (r.isEmpty()) continue;
      conceded = conceded == null ? r.get() : conceded.plus(r.get());
      caseIds.add(c.id());
    }
    if (conceded == null) return claimed;
    List<String> notes = new ArrayList<>();
    notes.add("credible cases concede " + conceded + " in all");
    Range total = conceded;
    if (claimed.known()) {
      total = claimed.range().orElseThrow().atLeastAsLargeAs(conceded);
      notes.add("aggregate statements say " + claimed.range().orElseThrow() + "; the larger admission counts");
    }
    return new Figure(true, total.min(), total.max().isPresent() ? total.max().getAsLong() : null, null, claimed.claims(), caseIds, Map.of(), notes);
  }

  /** A range being summed: no allocation per step (a tally can add up hundreds of thousands). */
  private static final class Sum {
    long min;
    long max;
    boolean open;
    int incidents;
    final List<String> claims;

    Sum() {
      this(10);
    }

    Sum(int expectedClaims) {
      claims = new ArrayList<>(expectedClaims);
    }

    void add(Range r) {
      min += r.min();
      if (r.max().isPresent()) max += r.max().getAsLong();
      else open = true;
    }

    Figure figure(Map<String, Figure> byGrading, List<String> notes) {
      return new Figure(true, min, open ? null : max, incidents, claims, List.of(), byGrading, notes);
    }
  }

  /** {@code counted}, when given, is set true at the position of each incident the figure counts. */
  private static Figure documented(List<ClaimFact> sets, Singles single, Scope scope, Function<ClaimFact, Optional<Range>> figure, boolean basis, boolean[] counted) {
    TallyFacts facts = scope.facts();
    int n = facts.incidents().size();
    // Incidents joined by claims about sets form groups (union-find over positions).
    int[] parent = new int[n];
    java.util.Arrays.fill(parent, -1);
    List<int[]> setPositions = new ArrayList<>(sets.size());
    for (ClaimFact s : sets) {
      int[] ps = new int[s.incidents().size()];
      for (int i = 0; i < ps.length; i++) {
        ps[i] = scope.position(s.incidents().get(i));
        if (parent[ps[i]] < 0) parent[ps[i]] = ps[i];
      }
      for (int i = 1; i < ps.length; i++) union(parent, ps[0], ps[i]);
      setPositions.add(ps);
    }
    Map<Integer, List<Integer>> groups = new TreeMap<>();
    for (int p = 0; p < n; p++) if (parent[p] >= 0) groups.computeIfAbsent(find(parent, p), k -> new ArrayList<>()).add(p);
    Map<Integer, List<Integer>> setsByGroup = new HashMap<>();
    for (int i = 0; i < sets.size(); i++) setsByGroup.computeIfAbsent(find(parent, setPositions.get(i)[0]), k -> new ArrayList<>()).add(i);

    Sum total = new Sum(basis ? single.winners.length + sets.size() : 0);
    Map<String, Sum> byGrade = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    // Incidents in no set: each is its own group, its range the envelope of its claims.
    Sum[] byGradeFast = new Sum[Grade.values().length + 1];
    for (int p = 0; p < n; p++) {
      if (!single.has[p] || parent[p] >= 0) continue;
      Grade g = scope.grade()[p];
      int slot = g == null ? byGradeFast.length - 1 : g.ordinal();
      if (byGradeFast[slot] == null) byGradeFast[slot] = byGrade.computeIfAbsent(gradeName(g), k -> new Sum(basis ? single.winners.length : 0));
      Sum gs = byGradeFast[slot];
      if (counted != null) counted[p] = true;
      total.incidents++;
      gs.incidents++;
      total.min += single.min[p];
      gs.min += single.min[p];
      if (single.open[p]) {
        total.open = true;
        gs.open = true;
      } else {
        total.max += single.max[p];
        gs.max += single.max[p];
      }
      if (basis) {
        int before = total.claims.size();
        single.claimIds(p, facts, total.claims);
        gs.claims.addAll(total.claims.subList(before, total.claims.size()));
      }
    }
    for (var g : groups.entrySet()) {
      List<Integer> members = g.getValue();
      List<Integer> groupSets = setsByGroup.getOrDefault(g.getKey(), List.of());
      List<String> groupClaims = new ArrayList<>();
      if (basis) for (int p : members) single.claimIds(p, facts, groupClaims);
      Range env = null;
      boolean complete = false;
      if (members.stream().allMatch(p -> single.has[p])) {
        env = sum(members, single);
        complete = true;
      }
      for (int si : groupSets) {
        ClaimFact s = sets.get(si);
        if (basis) groupClaims.add(s.id());
        Set<Integer> rest = new LinkedHashSet<>(members);
        for (int p : setPositions.get(si)) rest.remove(p);
        if (rest.stream().allMatch(p -> single.has[p])) {
          Range account = figure.apply(s).orElseThrow().plus(sum(rest, single));
          env = env == null ? account : env.envelope(account);
          complete = true;
        }
      }
      if (!complete) {
        // No claim accounts for every incident of the group: add what each set claim and the
        // single claims give, counting the incidents no claim covers as zero, and say so.
        for (int si : groupSets) {
          Set<Integer> rest = new LinkedHashSet<>(members);
          for (int p : setPositions.get(si)) rest.remove(p);
          Range account = figure.apply(sets.get(si)).orElseThrow();
          for (int p : rest) if (single.has[p]) account = account.plus(single.range(p));
          env = env == null ? account : env.envelope(account);
        }
        notes.add("incidents " + members.stream().map(scope::id).toList() + " are only partly covered by claims; uncovered ones count as 0");
      }
      if (counted != null) for (int p : members) counted[p] = true;
      add(total, env, members.size(), groupClaims);
      add(byGrade.computeIfAbsent(gradeOf(members, scope), k -> new Sum()), env, members.size(), groupClaims);
    }
    if (total.incidents == 0) {
      return new Figure(false, null, null, 0, List.of(), List.of(), Map.of(), List.of());
    }
    Map<String, Figure> grading = new LinkedHashMap<>();
    for (var e : byGrade.entrySet()) grading.put(e.getKey(), e.getValue().figure(Map.of(), List.of()));
    return total.figure(grading, notes);
  }

  private static void add(Sum s, Range r, int incidents, List<String> claims) {
    s.add(r);
    s.incidents += incidents;
    s.claims.addAll(claims);
  }

  private static String gradeName(Grade g) {
    return g == null ? "ungraded" : g.name().toLowerCase();
  }

  private static String gradeOf(List<Integer> members, Scope scope) {
    String grade = null;
    for (int p : members) {
      String g = gradeName(scope.grade()[p]);
      if (grade == null) grade = g;
      else if (!grade.equals(g)) return "mixed";
    }
    return grade;
  }

  private static Range sum(Iterable<Integer> positions, Singles single) {
    Range r = Range.ZERO;
    for (int p : positions) r = r.plus(single.range(p));
    return r;
  }

  private static int find(int[] parent, int x) {
    int root = x;
    while (parent[root] != root) root = parent[root];
    while (parent[x] != root) {
      int next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) parent[rb] = ra;
  }

  private static Ratio ratio(Figure independent, Figure official) {
    if (!independent.known() || !official.known()) {
      return new Ratio(null, null, "needs both an independent and an official figure");
    }
    Double min = official.max() == null || official.max() == 0 ? null : (double) independent.min() / official.max();
    Double max = independent.max() == null || official.min() == 0 ? null : (double) independent.max() / official.min();
    String note = min == null ? "official figure is 0 or open above" : max == null ? "independent figure is open above" : "";
    return new Ratio(round(min), round(max), note);
  }

  private static Double round(Double d) {
    return d == null ? null : Math.round(d * 100) / 100.0;
  }

  static CaseStep latestAssessment(List<CaseStep> steps) {
    CaseStep last = null;
    for (CaseStep s : steps) if (s.state().isAssessment()) last = s;
    return last;
  }

  /**
   * Of the incidents behind the documented killed figure, those a case (opened by the tally's
   * date) was matched to by then, counted once each at the surest match any case has for it. A
   * match is known from its day (when the case was first matched to the incident); a link without
   * one, from the case's opening. The confidence is the latest the record keeps, also as of an
   * earlier day (a re-assessment replaces it; the ledger's history has the earlier one).
   */
  private static IncidentMatching matching(List<CaseFact> cases, boolean[] documented, Scope scope, boolean basis) {
    int counted = 0;
    for (boolean d : documented) if (d) counted++;
    // the surest confidence per incident: confirmed < probable < possible < not stated (ordinal 3)
    Map<Integer, Integer> surest = new TreeMap<>();
    List<IncidentMatching.Match> matches = basis ? new ArrayList<>() : null;
    for (CaseFact c : cases) {
      if (c.steps().isEmpty()) continue;
      for (var e : c.incidents().entrySet()) {
        int p = scope.position(e.getKey());
        if (p < 0 || !documented[p]) continue;
        int rank = e.getValue() == null ? MatchConfidence.values().length : e.getValue().ordinal();
        surest.merge(p, rank, Math::min);
        if (matches != null) matches.add(new IncidentMatching.Match(e.getKey(), c.id(), confidenceName(e.getValue()), c.matchedOn().get(e.getKey())));
      }
    }
    Map<String, Integer> byConfidence = new LinkedHashMap<>();
    for (MatchConfidence m : MatchConfidence.values()) byConfidence.put(confidenceName(m), 0);
    byConfidence.put(confidenceName(null), 0);
    for (int rank : surest.values()) byConfidence.merge(confidenceName(rank == MatchConfidence.values().length ? null : MatchConfidence.values()[rank]), 1, Integer::sum);
    if (matches != null) matches.sort(java.util.Comparator.comparing(IncidentMatching.Match::incident).thenComparing(IncidentMatching.Match::caseId));
    return new IncidentMatching(counted, surest.size(), counted - surest.size(), byConfidence, matches);
  }

  private static String confidenceName(MatchConfidence m) {
    return m == null ? "not_stated" : m.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static CaseCounts caseCounts(List<CaseFact> cases, IncidentMatching matching) {
    int opened = 0, open = 0, closed = 0, reopened = 0, credible = 0, nonCredible = 0, duplicate = 0, notAssessed = 0;
    Map<String, Integer> reasons = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    for (CaseFact c : cases) {
      if (c.steps().isEmpty()) continue;
      opened++;
      ids.add(c.id());
      boolean isClosed = false;
      boolean wasReopened = false;
      for (CaseStep s : c.steps()) {
        if (s.state() == CaseState.CLOSED) isClosed = true;
        if (s.state() == CaseState.REOPENED) {
          isClosed = false;
          wasReopened = true;
        }
      }
      if (isClosed) closed++;
      else open++;
      if (wasReopened) reopened++;
      CaseStep a = latestAssessment(c.steps());
      if (a == null) notAssessed++;
      else {
        switch (a.state()) {
          case CREDIBLE -> credible++;
          case NON_CREDIBLE -> {
            nonCredible++;
            a.reason().ifPresent(r -> reasons.merge(r.name().toLowerCase(), 1, Integer::sum));
          }
          case DUPLICATE -> duplicate++;
          default -> {}
        }
      }
    }
    return new CaseCounts(opened, open, closed, reopened, credible, nonCredible, duplicate, notAssessed, reasons, ids, matching);
  }

}
