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
import org.harmledger.domain.Range;
import org.harmledger.tally.TallyFacts.CaseFact;
import org.harmledger.tally.TallyFacts.ClaimFact;
import org.harmledger.tally.TallyFacts.IncidentFact;
import org.harmledger.tally.TallyReport.CaseCounts;
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
    List<Excluded> excluded = new ArrayList<>();
    List<Superseded> superseded = new ArrayList<>();
    // Incidents that had begun by the date and lie inside the filter, with the grading then.
    Map<String, Optional<Grade>> incidents = new HashMap<>(facts.incidents().size() * 2);
    for (IncidentFact i : facts.incidents()) {
      if (i.time().start().isAfter(asOf)) continue;
      if (filter.period().isPresent() && !i.time().overlaps(filter.period().get())) continue;
      if (filter.bbox().isPresent() && (i.lat() == null || !filter.bbox().get().contains(i.lat(), i.lon()))) continue;
      incidents.put(i.id(), i.gradeOn(asOf));
    }

    // Decide, once, which claims are in scope; supersession is per measure below.
    List<ClaimFact> inScope = new ArrayList<>();
    DateSpan campaignPeriod = facts.campaign().period();
    for (ClaimFact c : facts.claims()) {
      if (c.date().isAfter(asOf)) continue; // not yet said
      if (c.aggregate()) {
        DateSpan p = c.period().orElse(campaignPeriod);
        if (filter.period().isPresent() && !p.within(filter.period().get())) {
          excluded.add(new Excluded(c.id(), "its period " + p + " is wider than the filter's " + filter.period().get()));
          continue;
        }
        if (filter.bbox().isPresent()
            && (c.bbox().or(() -> facts.campaign().area().bbox()).isEmpty()
                || !c.bbox().or(() -> facts.campaign().area().bbox()).get().within(filter.bbox().get()))) {
          excluded.add(new Excluded(c.id(), "its area is not inside the filter's box"));
          continue;
        }
        inScope.add(c);
      } else {
        String outside = null;
        String discounted = null;
        for (String i : c.incidents()) {
          Optional<Grade> g = incidents.get(i);
          if (g == null) outside = i;
          else if (g.orElse(null) == Grade.DISCOUNTED) discounted = i;
        }
        if (outside != null) {
          if (c.incidents().size() > 1) {
            excluded.add(new Excluded(c.id(), "it covers incident " + outside + ", which is outside this tally's scope"));
          }
          continue; // a single-incident claim outside the filter is simply not in scope
        }
        if (discounted != null) {
          excluded.add(new Excluded(c.id(), "incident " + discounted + " is graded discounted"));
          continue;
        }
        inScope.add(c);
      }
    }

    Map<String, ClaimSummary> summaries = new HashMap<>(); // written sorted by the JSON mapper
    List<CaseFact> cases = casesOn(facts.cases(), asOf);
    Measure killed = measure("killed", ClaimFact::killed, inScope, incidents, cases, superseded, summaries, true);
    Measure injured = measure("injured", ClaimFact::injured, inScope, incidents, cases, superseded, summaries, false);
    return new TallyReport(
        facts.campaign().id(),
        facts.campaign().name(),
        asOf,
        filter.period().map(DateSpan::toString),
        filter.bbox().map(b -> b.south() + "," + b.west() + "," + b.north() + "," + b.east()),
        killed,
        injured,
        caseCounts(casesOn(facts.cases(), asOf)),
        summaries,
        superseded,
        excluded);
  }

  /** Each case with only the steps taken by the end of {@code date}. */
  private static List<CaseFact> casesOn(List<CaseFact> cases, LocalDate date) {
    List<CaseFact> out = new ArrayList<>(cases.size());
    for (CaseFact c : cases) {
      List<CaseStep> steps = new ArrayList<>();
      for (CaseStep s : c.steps()) if (!s.on().isAfter(date)) steps.add(s);
      out.add(new CaseFact(c.id(), c.belligerent(), steps));
    }
    return out;
  }

  private static Measure measure(
      String name,
      Function<ClaimFact, Optional<Range>> figure,
      List<ClaimFact> claims,
      Map<String, Optional<Grade>> incidents,
      List<CaseFact> cases,
      List<Superseded> superseded,
      Map<String, ClaimSummary> summaries,
      boolean killed) {
    List<ClaimFact> current = supersede(name, figure, claims, superseded);

    List<ClaimFact> official = new ArrayList<>();
    List<ClaimFact> independent = new ArrayList<>();
    List<ClaimFact> other = new ArrayList<>();
    List<ClaimFact> incidentLevel = new ArrayList<>();
    for (ClaimFact c : current) {
      if (!c.aggregate()) incidentLevel.add(c);
      else if (c.role().isOfficial()) official.add(c);
      else if (c.role().isIndependent()) independent.add(c);
      else other.add(c);
    }
    for (ClaimFact c : current) if (!summaries.containsKey(c.id())) summaries.put(c.id(), summary(c));

    Figure officialFigure = officialFigure(official, cases, figure, killed);
    Figure independentFigure = envelope(independent, figure);
    Figure otherFigure = envelope(other, figure);
    Figure documented = documented(incidentLevel, incidents, figure);
    return new Measure(officialFigure, independentFigure, documented, otherFigure, ratio(independentFigure, officialFigure));
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
      for (ClaimFact l : e.getValue()) superseded.add(new Superseded(l.id(), by, measure));
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
    final List<String> claims = new ArrayList<>();

    void add(Range r) {
      min += r.min();
      if (r.max().isPresent()) max += r.max().getAsLong();
      else open = true;
    }

    Figure figure(Map<String, Figure> byGrading, List<String> notes) {
      return new Figure(true, min, open ? null : max, incidents, claims, List.of(), byGrading, notes);
    }
  }

  private static Figure documented(
      List<ClaimFact> claims, Map<String, Optional<Grade>> incidents, Function<ClaimFact, Optional<Range>> figure) {
    // Single-incident envelopes.
    Map<String, Range> single = new HashMap<>(incidents.size() * 2);
    Map<String, List<String>> singleClaims = new HashMap<>(incidents.size() * 2);
    List<ClaimFact> sets = new ArrayList<>();
    for (ClaimFact c : claims) {
      if (c.incidents().size() == 1) {
        String i = c.incidents().get(0);
        single.merge(i, figure.apply(c).orElseThrow(), Range::envelope);
        singleClaims.computeIfAbsent(i, k -> new ArrayList<>(2)).add(c.id());
      } else {
        sets.add(c);
      }
    }
    // Incidents joined by claims about sets form groups (union-find over those incidents only).
    Map<String, String> parent = new HashMap<>();
    for (ClaimFact s : sets) {
      for (String i : s.incidents()) parent.putIfAbsent(i, i);
      for (int k = 1; k < s.incidents().size(); k++) union(parent, s.incidents().get(0), s.incidents().get(k));
    }
    Map<String, List<String>> groups = new TreeMap<>();
    for (String i : parent.keySet()) groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    Map<String, List<ClaimFact>> setsByGroup = new HashMap<>();
    for (ClaimFact s : sets) setsByGroup.computeIfAbsent(find(parent, s.incidents().get(0)), k -> new ArrayList<>()).add(s);

    Sum total = new Sum();
    Map<String, Sum> byGrade = new TreeMap<>();
    List<String> notes = new ArrayList<>();
    // Incidents in no set: each is its own group, its range the envelope of its claims.
    for (var e : single.entrySet()) {
      if (parent.containsKey(e.getKey())) continue;
      List<String> ids = singleClaims.get(e.getKey());
      add(total, e.getValue(), 1, ids);
      add(byGrade.computeIfAbsent(gradeName(incidents.get(e.getKey())), k -> new Sum()), e.getValue(), 1, ids);
    }
    for (var g : groups.entrySet()) {
      List<String> members = g.getValue();
      List<ClaimFact> groupSets = setsByGroup.getOrDefault(g.getKey(), List.of());
      List<String> groupClaims = new ArrayList<>();
      for (String i : members) groupClaims.addAll(singleClaims.getOrDefault(i, List.of()));
      Range env = null;
      boolean complete = false;
      if (single.keySet().containsAll(members)) {
        env = sum(members, single);
        complete = true;
      }
      for (ClaimFact s : groupSets) {
        groupClaims.add(s.id());
        Set<String> rest = new LinkedHashSet<>(members);
        s.incidents().forEach(rest::remove);
        if (single.keySet().containsAll(rest)) {
          Range account = figure.apply(s).orElseThrow().plus(sum(rest, single));
          env = env == null ? account : env.envelope(account);
          complete = true;
        }
      }
      if (!complete) {
        // No claim accounts for every incident of the group: add what each set claim and the
        // single claims give, counting the incidents no claim covers as zero, and say so.
        for (ClaimFact s : groupSets) {
          Set<String> rest = new LinkedHashSet<>(members);
          s.incidents().forEach(rest::remove);
          Range account = figure.apply(s).orElseThrow();
          for (String i : rest) account = account.plus(single.getOrDefault(i, Range.ZERO));
          env = env == null ? account : env.envelope(account);
        }
        notes.add("incidents " + members + " are only partly covered by claims; uncovered ones count as 0");
      }
      add(total, env, members.size(), groupClaims);
      add(byGrade.computeIfAbsent(gradeOf(members, incidents), k -> new Sum()), env, members.size(), groupClaims);
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

  private static String gradeName(Optional<Grade> g) {
    return g == null || g.isEmpty() ? "ungraded" : g.get().name().toLowerCase();
  }

  private static String gradeOf(List<String> members, Map<String, Optional<Grade>> incidents) {
    String grade = null;
    for (String i : members) {
      Optional<Grade> f = incidents.get(i);
      String g = f == null || f.isEmpty() ? "ungraded" : f.get().name().toLowerCase();
      if (grade == null) grade = g;
      else if (!grade.equals(g)) return "mixed";
    }
    return grade;
  }

  private static Range sum(Iterable<String> ids, Map<String, Range> single) {
    Range r = Range.ZERO;
    for (String i : ids) r = r.plus(single.get(i));
    return r;
  }

  private static String find(Map<String, String> parent, String x) {
    String root = x;
    while (!parent.get(root).equals(root)) root = parent.get(root);
    while (!parent.get(x).equals(root)) {
      String next = parent.get(x);
      parent.put(x, root);
      x = next;
    }
    return root;
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) parent.put(rb, ra);
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

  private static CaseCounts caseCounts(List<CaseFact> cases) {
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
    return new CaseCounts(opened, open, closed, reopened, credible, nonCredible, duplicate, notAssessed, reasons, ids);
  }

  private static ClaimSummary summary(ClaimFact c) {
    String scope = c.aggregate() ? "aggregate " + c.scopeKey().substring("aggregate:".length()) : (c.incidents().size() == 1 ? "incident " : "incidents ") + String.join(", ", c.incidents());
    return new ClaimSummary(c.id(), c.source(), c.claimant(), c.role().name().toLowerCase(), c.date(), scope, c.killed().map(Range::toString), c.injured().map(Range::toString));
  }
}
