package org.harmledger.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.harmledger.domain.DateSpan;
import org.harmledger.domain.Grade;
import org.harmledger.domain.Range;
import org.harmledger.domain.Role;
import org.harmledger.ledger.Json;
import org.harmledger.tally.TallyFacts.ClaimFact;
import org.harmledger.tally.TallyFacts.GradeOn;
import org.harmledger.tally.TallyFacts.IncidentFact;
import org.junit.jupiter.api.Test;

/**
 * The tally works on arrays laid out per load of facts (claims grouped by incident, numbers for
 * claimants and scopes, the listed claims as positions). Here its figures are checked against the
 * rules written out plainly, claim by claim, on random ledgers and dates.
 */
class TallyOnArraysTest {
  static final String[] CLAIMANTS = {"Airwars", "Amnesty", "Coalition", "SDF", "Family"};
  static final Role[] ROLES = {Role.INDEPENDENT_MONITOR, Role.INDEPENDENT_MONITOR, Role.ACCUSED_BELLIGERENT, Role.PARTNER_FORCE, Role.VICTIMS_FAMILY};
  static final Grade[] GRADES = {Grade.CONFIRMED, Grade.FAIR, Grade.WEAK, Grade.CONTESTED, Grade.DISCOUNTED, null};

  record Ledger(List<ClaimFact> claims, List<IncidentFact> incidents) {}

  static Ledger random(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<IncidentFact> incidents = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      LocalDate start = LocalDate.parse("2017-01-01").plusDays(r.nextInt(3 * 365));
      List<GradeOn> gradings = new ArrayList<>();
      for (int g = r.nextInt(3); g > 0; g--) {
        Grade grade = GRADES[r.nextInt(GRADES.length - 1)];
        gradings.add(new GradeOn(grade, start.plusDays(r.nextInt(400))));
      }
      incidents.add(new IncidentFact("i" + (100 + i), new DateSpan(start, start), 35.0, 35.0, gradings));
    }
    List<ClaimFact> claims = new ArrayList<>();
    for (int k = 0; k < 500; k++) {
      int who = r.nextInt(CLAIMANTS.length);
      LocalDate date = LocalDate.parse("2017-01-01").plusDays(r.nextInt(4 * 365));
      int kind = r.nextInt(20); // 0-1 an aggregate, 2-3 a set of incidents ("70 in four incidents"), else one incident
      boolean aggregate = kind < 2;
      List<String> about = new ArrayList<>();
      int first = r.nextInt(42); // two ids are of no incident here
      for (int x = 0; x < (kind < 2 ? 0 : kind < 4 ? 2 + r.nextInt(2) : 1); x++) about.add("i" + (100 + first + x)); // neighbours: sets chain into groups
      String scope = aggregate ? "aggregate:c:" + (r.nextBoolean() ? "*" : "2017-06") + ":*" : (about.size() == 1 ? "incident:" : "incidents:") + String.join(",", about);
      claims.add(new ClaimFact(String.format("c%04d", r.nextInt(100_000)) + "-" + k, "s", CLAIMANTS[who], CLAIMANTS[who].toLowerCase(), ROLES[who], aggregate, scope,
          about, figure(r), figure(r), date, k, Optional.empty(), Optional.empty()));
    }
    return new Ledger(claims, incidents);
  }

  static Optional<Range> figure(SplittableRandom r) {
    long min = r.nextInt(20);
    return switch (r.nextInt(5)) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(Range.atLeast(min));
      case 2 -> Optional.of(Range.between(min, min + r.nextInt(10)));
      default -> Optional.of(Range.exactly(min));
    };
  }

  /** Each (claimant, scope)'s latest claim giving the figure, by date then order; losers → winner. */
  static Map<String, ClaimFact> latest(List<ClaimFact> claims, boolean killed, Map<String, String> supersededBy) {
    Map<String, ClaimFact> winner = new HashMap<>();
    for (ClaimFact c : claims) {
      if ((killed ? c.killed() : c.injured()).isEmpty()) continue;
      winner.merge(c.claimantKey() + "|" + c.scopeKey(), c,
          (a, b) -> a.date().isAfter(b.date()) || (a.date().equals(b.date()) && a.order() > b.order()) ? a : b);
    }
    for (ClaimFact c : claims) {
      if ((killed ? c.killed() : c.injured()).isEmpty()) continue;
      ClaimFact w = winner.get(c.claimantKey() + "|" + c.scopeKey());
      if (w != c) supersededBy.put(c.id(), w.id());
    }
    return winner;
  }

  static Range envelope(List<Range> ranges) {
    Range e = null;
    for (Range x : ranges) e = e == null ? x : e.envelope(x);
    return e;
  }

  @Test
  void figuresAndBasisEqualTheRulesAppliedClaimByClaim() {
    for (long seed = 1; seed <= 30; seed++) {
      Ledger l = random(seed);
      TallyFacts facts = new TallyFacts(TallyTest.CAMPAIGN, l.claims(), l.incidents(), List.of());
      for (String day : List.of("2017-03-01", "2018-01-01", "2018-09-15", "2020-12-31")) {
        LocalDate asOf = LocalDate.parse(day);
        TallyReport t = Tally.compute(facts, asOf, TallyFilter.NONE, true);
        TallyReport figuresOnly = Tally.compute(facts, asOf, TallyFilter.NONE, false);
        Set<String> listed = new HashSet<>();
        Map<String, String> superseded = new HashMap<>();
        for (boolean killed : new boolean[] {true, false}) {
          String at = "seed " + seed + ", " + day + ", " + (killed ? "killed" : "injured");
          TallyReport.Measure measure = killed ? t.killed() : t.injured();
          Map<String, IncidentFact> live = new HashMap<>();
          for (IncidentFact i : l.incidents()) {
            boolean inCampaign = i.time().overlaps(TallyTest.CAMPAIGN.period()); // 2017; some incidents are of 2018 and 2019
            if (inCampaign && !i.time().start().isAfter(asOf) && i.gradeOn(asOf).orElse(null) != Grade.DISCOUNTED) live.put(i.id(), i);
          }
          List<ClaimFact> made = l.claims().stream().filter(c -> !c.date().isAfter(asOf)).toList();
          Map<String, String> lostHere = new HashMap<>();
          List<ClaimFact> singles = made.stream().filter(c -> c.incidents().size() == 1 && live.containsKey(c.incidents().get(0))).toList();
          Map<String, List<Range>> byIncident = new TreeMap<>();
          for (ClaimFact w : latest(singles, killed, lostHere).values()) {
            byIncident.computeIfAbsent(w.incidents().get(0), x -> new ArrayList<>()).add((killed ? w.killed() : w.injured()).orElseThrow());
            listed.add(w.id());
          }
          Map<String, Range> own = new HashMap<>(); // each incident's figure of its own
          byIncident.forEach((i, rs) -> own.put(i, envelope(rs)));
          // claims about sets whose incidents are all counted join those incidents into groups
          List<ClaimFact> setsMade = made.stream().filter(c -> c.incidents().size() > 1 && c.incidents().stream().allMatch(live::containsKey)).toList();
          List<ClaimFact> sets = List.copyOf(latest(setsMade, killed, lostHere).values());
          sets.forEach(c -> listed.add(c.id()));
          Map<String, String> group = new HashMap<>(); // incident → a name for its group
          for (ClaimFact c : sets) {
            String joined = c.incidents().get(0);
            for (String i : c.incidents()) {
              String was = group.get(i);
              if (was == null) group.put(i, group.getOrDefault(joined, joined));
              else if (!was.equals(group.getOrDefault(joined, joined))) {
                String into = group.getOrDefault(joined, joined);
                group.replaceAll((x, g) -> g.equals(was) ? into : g);
              }
            }
          }
          List<Range> counted = new ArrayList<>();
          own.forEach((i, f) -> { if (!group.containsKey(i)) counted.add(f); });
          int incidents = counted.size();
          for (String g : new HashSet<>(group.values())) {
            List<String> members = group.keySet().stream().filter(i -> group.get(i).equals(g)).toList();
            incidents += members.size();
            List<ClaimFact> accountsFor = sets.stream().filter(c -> members.contains(c.incidents().get(0))).toList();
            List<Range> complete = new ArrayList<>();
            List<Range> partial = new ArrayList<>();
            if (members.stream().allMatch(own::containsKey)) complete.add(members.stream().map(own::get).reduce(Range.ZERO, Range::plus));
            for (ClaimFact c : accountsFor) {
              List<String> rest = members.stream().filter(i -> !c.incidents().contains(i)).toList();
              Range account = rest.stream().filter(own::containsKey).map(own::get).reduce((killed ? c.killed() : c.injured()).orElseThrow(), Range::plus);
              if (own.keySet().containsAll(rest)) complete.add(account);
              partial.add(account);
            }
            counted.add(envelope(complete.isEmpty() ? partial : complete));
          }
          long min = 0, max = 0;
          boolean open = false;
          for (Range e : counted) {
            min += e.min();
            if (e.max().isPresent()) max += e.max().getAsLong();
            else open = true;
          }
          TallyReport.Figure documented = measure.documented();
          assertThat(documented.known()).as(at).isEqualTo(incidents > 0);
          if (incidents > 0) {
            assertThat(documented.incidents()).as(at).isEqualTo(incidents);
            assertThat(documented.min()).as(at).isEqualTo(min);
            assertThat(documented.max()).as(at).isEqualTo(open ? null : max);
          }
          Map<String, ClaimFact> aggregates = latest(made.stream().filter(ClaimFact::aggregate).toList(), killed, lostHere);
          listed.addAll(aggregates.values().stream().map(ClaimFact::id).toList());
          Range independent = envelope(aggregates.values().stream().filter(c -> c.role().isIndependent()).map(c -> (killed ? c.killed() : c.injured()).orElseThrow()).toList());
          Range official = envelope(aggregates.values().stream().filter(c -> c.role().isOfficial()).map(c -> (killed ? c.killed() : c.injured()).orElseThrow()).toList());
          assertThat(measure.independent().range()).as(at).isEqualTo(Optional.ofNullable(independent));
          assertThat(measure.official().range()).as(at).isEqualTo(Optional.ofNullable(official));
          assertThat(measure.independent().claims()).as(at).containsExactlyInAnyOrderElementsOf(
              aggregates.values().stream().filter(c -> c.role().isIndependent()).map(ClaimFact::id).toList());
          lostHere.forEach((loser, by) -> superseded.put(loser + " " + (killed ? "killed" : "injured"), by));
          assertThat(killed ? figuresOnly.killed() : figuresOnly.injured()).as(at + ", figures only")
              .extracting(x -> x.documented().range(), x -> x.independent().range(), x -> x.official().range())
              .containsExactly(documented.range(), measure.independent().range(), measure.official().range());
        }
        assertThat(t.claims().keySet()).as("seed " + seed + ", " + day).containsExactlyInAnyOrderElementsOf(listed);
        Map<String, String> reported = new HashMap<>();
        for (TallyReport.Superseded s : t.superseded()) reported.put(s.claim() + " " + s.measure(), s.by());
        assertThat(reported).as("seed " + seed + ", " + day).isEqualTo(superseded);
      }
    }
  }

  @Test
  void theListedClaimsAreASortedMapThatAnswersAsATreeMapWould() throws Exception {
    Ledger l = random(7);
    TallyFacts facts = new TallyFacts(TallyTest.CAMPAIGN, l.claims(), l.incidents(), List.of());
    TallyReport t = Tally.compute(facts, LocalDate.parse("2020-12-31"), TallyFilter.NONE, true);
    TreeMap<String, TallyReport.ClaimSummary> copy = new TreeMap<>(t.claims());
    assertThat(copy).hasSizeGreaterThan(50);
    assertThat(t.claims()).isEqualTo(copy).hasSameHashCodeAs(copy);
    assertThat(List.copyOf(t.claims().keySet())).as("in id order").isEqualTo(List.copyOf(copy.keySet()));
    assertThat(t.claims()).isInstanceOf(java.util.SortedMap.class);
    var sorted = (java.util.SortedMap<String, TallyReport.ClaimSummary>) t.claims();
    String[] keys = copy.keySet().toArray(String[]::new);
    String middle = keys[keys.length / 2];
    assertThat(sorted.firstKey()).isEqualTo(copy.firstKey());
    assertThat(sorted.lastKey()).isEqualTo(copy.lastKey());
    assertThat(sorted.headMap(middle)).isEqualTo(copy.headMap(middle));
    assertThat(sorted.tailMap(middle)).isEqualTo(copy.tailMap(middle));
    assertThat(sorted.subMap(keys[3], middle)).isEqualTo(copy.subMap(keys[3], middle));
    assertThat(sorted.tailMap(middle + "x")).as("a key between two").isEqualTo(copy.tailMap(middle + "x"));
    assertThat(sorted.get(middle)).isEqualTo(copy.get(middle));
    assertThat(sorted.get(middle + "x")).isNull();
    assertThat(sorted.get(42)).isNull();
    assertThat(sorted.containsKey(middle)).isTrue();
    // a claim of the facts that is not listed (superseded): not a key
    String unlisted = l.claims().stream().map(ClaimFact::id).filter(id -> !copy.containsKey(id)).findFirst().orElseThrow();
    assertThat(sorted.containsKey(unlisted)).isFalse();
    assertThat(sorted.get(unlisted)).isNull();
    assertThat(Json.write(t.claims())).as("written as any sorted map").isEqualTo(Json.write(copy));
  }
}
