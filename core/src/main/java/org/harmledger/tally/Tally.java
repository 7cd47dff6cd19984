package org.harmledger.tally;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.harmledger.domain.Campaign;
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
    // An incident outside the campaign's own period or area (refused on entry; the campaign may
    // have been amended since) is outside every tally of it, as one outside a filter is.
    int n = facts.incidents().size();
    boolean[] live = new boolean[n];
    Grade[] grade = new Grade[n];
    Campaign campaign = facts.campaign();
    for (int p = 0; p < n; p++) {
      IncidentFact i = facts.incidents().get(p);
      if (i.time().start().isAfter(asOf)) continue;
      if (!campaign.sharesTime(i.time()) || (i.lat() != null && !campaign.holds(i.lat(), i.lon()))) continue;
      if (filter.period().isPresent() && !i.time().overlaps(filter.period().get())) continue;
      if (filter.bbox().isPresent() && (i.lat() == null || !filter.bbox().get().contains(i.lat(), i.lon()))) continue;
      live[p] = true;
      grade[p] = i.gradeOn(asOf).orElse(null);
    }
    Scope scope = new Scope(facts, live, grade);

    // Decide, once, which claims are in scope; supersession is per measure below. The bulk (claims
    // about one incident) is decided on the facts' arrays; a claim's object is read only for an
    // aggregate or a set, or to say why it was left out.
    int[] inScope = new int[facts.claims().size()];
    int count = 0;
    DateSpan campaignPeriod = facts.campaign().period();
    long asOfDay = asOf.toEpochDay();
    for (int k = 0; k < facts.claims().size(); k++) {
      if (facts.day[k] > asOfDay) continue; // not yet said
      int single = facts.singleIncident[k];
      if (single != -2) { // one incident: its position is known since the facts were read
        if (single < 0 || !live[single]) continue; // outside the filter: simply not in scope
        if (grade[single] == Grade.DISCOUNTED) {
          if (excluded != null) excluded.add(new Excluded(facts.ids[k], "incident " + facts.claims().get(k).incidents().get(0) + " is graded discounted"));
          continue;
        }
      } else if (facts.setIncidents[k] != null) {
        ClaimFact c = facts.claims().get(k);
        String outside = null;
        String discounted = null;
        int[] ps = facts.setIncidents[k];
        for (int x = 0; x < ps.length; x++) {
          int p = ps[x];
          if (p < 0 || !live[p]) outside = c.incidents().get(x);
          else if (grade[p] == Grade.DISCOUNTED) discounted = c.incidents().get(x);
        }
        if (outside != null) {
          if (excluded != null) excluded.add(new Excluded(c.id(), "it covers incident " + outside + ", which is outside this tally's scope"));
          continue;
        }
        if (discounted != null) {
          if (excluded != null) excluded.add(new Excluded(c.id(), "incident " + discounted + " is graded discounted"));
          continue;
        }
      } else { // an aggregate
        ClaimFact c = facts.claims().get(k);
        DateSpan p = c.period().orElse(campaignPeriod);
        // about another time or place than the campaign's (refused on entry; the campaign's own
        // period or area may have been amended since)
        if (!facts.campaign().sharesTime(p)) {
          if (excluded != null) excluded.add(new Excluded(c.id(), "its period " + p + " lies outside the campaign's " + campaignPeriod));
          continue;
        }
        if (c.bbox().isPresent() && !facts.campaign().sharesPlace(c.bbox().get())) {
          if (excluded != null) excluded.add(new Excluded(c.id(), "its area lies outside the campaign's"));
          continue;
        }
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
      }
      inScope[count++] = k;
    }
    int[] claims = java.util.Arrays.copyOf(inScope, count);

    List<CaseFact> cases = casesOn(facts.cases(), asOf);
    boolean[] listed = new boolean[facts.claims().size()];
    boolean[] documentedIncidents = new boolean[facts.incidents().size()];
    Measure killed = measure("killed", ClaimFact::killed, facts, claims, scope, asOfDay, cases, superseded, listed, true, basis, documentedIncidents);
    Measure injured = measure("injured", ClaimFact::injured, facts, claims, scope, asOfDay, cases, superseded, listed, false, basis, null);
    return new TallyReport(
        facts.campaign().id(),
        facts.campaign().name(),
        asOf,
        filter.period().map(DateSpan::toString),
        filter.bbox().map(b -> b.south() + "," + b.west() + "," + b.north() + "," + b.east()),
        killed,
        injured,
        caseCounts(cases, matching(cases, documentedIncidents, scope, basis)),
        ListedClaims.of(facts, listed),
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
    Singles s = supersedeSingles(killed ? "killed" : "injured", killed ? 0 : 1, facts, null, null, asOf.toEpochDay(), null);
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
      long asOfDay,
      List<CaseFact> cases,
      List<Superseded> superseded,
      boolean[] listed,
      boolean killed,
      boolean basis,
      boolean[] countedOut) {
    // Claims about one incident (the bulk) are grouped by incident; aggregates and sets (a few
    // percent) are superseded here. Both by positions in the facts' arrays.
    int m = killed ? 0 : 1;
    int[] general = new int[claims.length];
    int ng = 0;
    for (int k : claims) if (facts.figureKind[m][k] != 0 && facts.singleIncident[k] < 0) general[ng++] = k;
    // the single-incident claims in scope are those of live incidents not discounted, made by the date
    Singles single = supersedeSingles(name, m, facts, scope.live(), scope.grade(), asOfDay, superseded);
    int[] current = supersede(name, facts, general, ng, superseded);

    List<ClaimFact> official = new ArrayList<>();
    List<ClaimFact> independent = new ArrayList<>();
    List<ClaimFact> other = new ArrayList<>();
    List<ClaimFact> sets = new ArrayList<>();
    int[] setPositions = new int[current.length];
    for (int k : current) {
      listed[k] = true; // few: always listed
      ClaimFact c = facts.claims().get(k);
      if (!c.aggregate()) {
        setPositions[sets.size()] = k;
        sets.add(c);
      } else if (c.role().isOfficial()) official.add(c);
      else if (c.role().isIndependent()) independent.add(c);
      else other.add(c);
    }
    if (basis) {
      int[] winners = single.winners;
      for (int w = 0, end = single.start[single.start.length - 1]; w < end; w++) if (winners[w] >= 0) listed[winners[w]] = true; // < 0: superseded
    }

    Figure officialFigure = officialFigure(official, cases, figure, killed);
    Figure independentFigure = envelope(independent, figure);
    Figure otherFigure = envelope(other, figure);
    Figure documented = documented(sets, setPositions, single, scope, figure, basis, killed ? countedOut : null);
    return new Measure(officialFigure, independentFigure, documented, otherFigure, ratio(independentFigure, officialFigure));
  }

  /**
   * Single-incident claims after supersession, grouped by incident: the envelope of each
   * incident's current claims, and those claims ({@code winners[start[p] .. start[p+1]]}; a
   * superseded one k as -(k + 2); {@code winners} is longer than {@code start[n]}).
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

  /**
   * Each incident's claims about it alone that a tally counts (made by {@code asOfDay}, giving
   * measure {@code m}; with {@code live} given, only for live incidents not graded discounted),
   * a claimant's latest winning over its earlier ones, and the envelope of the winners.
   */
  private static Singles supersedeSingles(String measure, int m, TallyFacts facts, boolean[] live, Grade[] grade, long asOfDay, List<Superseded> superseded) {
    TallyFacts.ByIncident g = facts.byIncident();
    int n = facts.incidents().size();
    int[] start = new int[n + 1];
    int[] grouped = new int[g.claim.length]; // first as positions in g, at the end as claim positions
    Singles out = new Singles(n, start, grouped);
    byte[] kind = g.kind[m];
    long[] min = g.min[m];
    long[] max = g.max[m];
    int w = 0;
    for (int p = 0; p < n; p++) {
      start[p] = w;
      if (live != null && (!live[p] || grade[p] == Grade.DISCOUNTED)) continue;
      int from = w;
      for (int x = g.start[p]; x < g.start[p + 1]; x++) if (kind[x] != 0 && g.day[x] <= asOfDay) grouped[w++] = x;
      int to = w;
      if (from == to) continue;
      // Within one incident, a claimant's latest claim wins. A loser x is kept as -(x + 2), so the
      // claim that replaced it can be named afterwards from the same small group.
      boolean lost = false;
      for (int a = from; a < to; a++) {
        int xa = grouped[a];
        if (xa < 0) continue;
        for (int b = a + 1; b < to; b++) {
          int xb = grouped[b];
          if (xb < 0 || g.claimant[xb] != g.claimant[xa]) continue;
          lost = true;
          if (g.day[xb] > g.day[xa] || (g.day[xb] == g.day[xa] && g.order[xb] > g.order[xa])) {
            grouped[a] = -(xa + 2);
            break;
          }
          grouped[b] = -(xb + 2);
        }
      }
      if (lost && superseded != null) {
        for (int l = from; l < to; l++) {
          if (grouped[l] >= 0) continue;
          int x = -grouped[l] - 2;
          for (int v = from; v < to; v++) {
            if (grouped[v] >= 0 && g.claimant[grouped[v]] == g.claimant[x]) {
              superseded.add(new Superseded(facts.ids[g.claim[x]], facts.ids[g.claim[grouped[v]]], measure));
              break;
            }
          }
        }
      }
      for (int v = from; v < to; v++) {
        int x = grouped[v];
        if (x < 0) continue;
        if (!out.has[p]) {
          out.has[p] = true;
          out.min[p] = min[x];
          out.max[p] = max[x];
          out.open[p] = kind[x] == 2;
        } else {
          out.min[p] = Math.min(out.min[p], min[x]);
          if (kind[x] == 2) out.open[p] = true;
          else out.max[p] = Math.max(out.max[p], max[x]);
        }
      }
      for (int v = from; v < to; v++) {
        int x = grouped[v];
        grouped[v] = x >= 0 ? g.claim[x] : -(g.claim[-x - 2] + 2);
      }
    }
    start[n] = w;
    return out;
  }

  /**
   * Of {@code general[0 .. count]} (positions of claims not about a single incident, each giving
   * this measure), each claimant's latest claim per scope (by date, then by order of recording),
   * in the order each claimant and scope first appears.
   */
  private static int[] supersede(String measure, TallyFacts facts, int[] general, int count, List<Superseded> superseded) {
    TallyFacts.GeneralKeys keys = facts.generalKeys();
    int[] winner = new int[keys.count()];
    java.util.Arrays.fill(winner, -1);
    int[] seen = new int[count]; // key numbers, in the order first met
    int nk = 0;
    int[] lost = superseded == null ? null : new int[2 * count]; // (loser, key) pairs
    int nl = 0;
    for (int i = 0; i < count; i++) {
      int k = general[i];
      int g = keys.key()[k];
      int w = winner[g];
      if (w < 0) {
        winner[g] = k;
        seen[nk++] = g;
        continue;
      }
      boolean later = facts.day[k] > facts.day[w] || (facts.day[k] == facts.day[w] && facts.order[k] > facts.order[w]);
      if (later) winner[g] = k;
      if (lost != null) {
        lost[nl++] = later ? w : k;
        lost[nl++] = g;
      }
    }
    for (int l = 0; l < nl; l += 2) superseded.add(new Superseded(facts.ids[lost[l]], facts.ids[winner[lost[l + 1]]], measure));
    int[] out = new int[nk];
    for (int j = 0; j < nk; j++) out[j] = winner[seen[j]];
    return out;
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
  private static Figure documented(List<ClaimFact> sets, int[] setClaims, Singles single, Scope scope, Function<ClaimFact, Optional<Range>> figure, boolean basis, boolean[] counted) {
    TallyFacts facts = scope.facts();
    int n = facts.incidents().size();
    // Incidents joined by claims about sets form groups (union-find over positions).
    int[] parent = new int[n];
    java.util.Arrays.fill(parent, -1);
    int[][] setPositions = new int[sets.size()][];
    for (int si = 0; si < sets.size(); si++) {
      int[] ps = facts.setIncidents[setClaims[si]]; // all live: the claim is in scope
      for (int p : ps) if (parent[p] < 0) parent[p] = p;
      for (int i = 1; i < ps.length; i++) union(parent, ps[0], ps[i]);
      setPositions[si] = ps;
    }
    // Each group's incidents, and its set claims, by the group's root (ascending), in order met:
    // incident positions at members[memberStart[r] .. memberStart[r + 1]], claims likewise.
    int[] memberStart = new int[n + 1];
    int[] setStart = new int[n + 1];
    for (int p = 0; p < n; p++) if (parent[p] >= 0) memberStart[find(parent, p) + 1]++;
    for (int[] ps : setPositions) setStart[find(parent, ps[0]) + 1]++;
    for (int r = 0; r < n; r++) {
      memberStart[r + 1] += memberStart[r];
      setStart[r + 1] += setStart[r];
    }
    int[] members = new int[memberStart[n]];
    int[] fill = java.util.Arrays.copyOf(memberStart, n);
    for (int p = 0; p < n; p++) if (parent[p] >= 0) members[fill[parent[p]]++] = p; // parent is the root after find
    int[] groupSets = new int[setStart[n]];
    fill = java.util.Arrays.copyOf(setStart, n);
    for (int si = 0; si < setPositions.length; si++) groupSets[fill[parent[setPositions[si][0]]]++] = si;

    Sum total = new Sum(basis ? single.start[n] + sets.size() : 0);
    Map<String, Sum> byGrade = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    // Incidents in no set: each is its own group, its range the envelope of its claims.
    Sum[] byGradeFast = new Sum[Grade.values().length + 1];
    for (int p = 0; p < n; p++) {
      if (!single.has[p] || parent[p] >= 0) continue;
      Grade g = scope.grade()[p];
      int slot = g == null ? byGradeFast.length - 1 : g.ordinal();
      if (byGradeFast[slot] == null) byGradeFast[slot] = byGrade.computeIfAbsent(gradeName(g), k -> new Sum(basis ? single.start[n] : 0));
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
    for (int r = 0; r < n; r++) {
      int from = memberStart[r];
      int to = memberStart[r + 1];
      if (from == to) continue;
      List<String> groupClaims = new ArrayList<>();
      if (basis) for (int x = from; x < to; x++) single.claimIds(members[x], facts, groupClaims);
      Range env = null;
      boolean complete = false;
      if (allHave(members, from, to, null, single)) {
        env = sum(members, from, to, null, single);
        complete = true;
      }
      for (int y = setStart[r]; y < setStart[r + 1]; y++) {
        int si = groupSets[y];
        if (basis) groupClaims.add(sets.get(si).id());
        if (allHave(members, from, to, setPositions[si], single)) {
          Range account = figure.apply(sets.get(si)).orElseThrow().plus(sum(members, from, to, setPositions[si], single));
          env = env == null ? account : env.envelope(account);
          complete = true;
        }
      }
      if (!complete) {
        // No claim accounts for every incident of the group: add what each set claim and the
        // single claims give, counting the incidents no claim covers as zero, and say so.
        for (int y = setStart[r]; y < setStart[r + 1]; y++) {
          int si = groupSets[y];
          Range account = figure.apply(sets.get(si)).orElseThrow().plus(sum(members, from, to, setPositions[si], single));
          env = env == null ? account : env.envelope(account);
        }
        List<String> ids = new ArrayList<>(to - from);
        for (int x = from; x < to; x++) ids.add(scope.id(members[x]));
        notes.add("incidents " + ids + " are only partly covered by claims; uncovered ones count as 0");
      }
      if (counted != null) for (int x = from; x < to; x++) counted[members[x]] = true;
      add(total, env, to - from, groupClaims);
      add(byGrade.computeIfAbsent(gradeOf(members, from, to, scope), k -> new Sum()), env, to - from, groupClaims);
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

  private static String gradeOf(int[] members, int from, int to, Scope scope) {
    String grade = null;
    for (int x = from; x < to; x++) {
      String g = gradeName(scope.grade()[members[x]]);
      if (grade == null) grade = g;
      else if (!grade.equals(g)) return "mixed";
    }
    return grade;
  }

  /** Whether each of {@code members[from .. to]} not in {@code except} (may be null) has a figure of its own. */
  private static boolean allHave(int[] members, int from, int to, int[] except, Singles single) {
    for (int x = from; x < to; x++) if (!single.has[members[x]] && !contains(except, members[x])) return false;
    return true;
  }

  /** The sum of the figures of {@code members[from .. to]} not in {@code except} (may be null) that have one. */
  private static Range sum(int[] members, int from, int to, int[] except, Singles single) {
    Range r = Range.ZERO;
    for (int x = from; x < to; x++) if (single.has[members[x]] && !contains(except, members[x])) r = r.plus(single.range(members[x]));
    return r;
  }

  private static boolean contains(int[] few, int p) {
    if (few != null) for (int q : few) if (q == p) return true;
    return false;
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
