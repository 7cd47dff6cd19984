package org.harmledger.estimate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.harmledger.domain.Problem;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.ValidationException;
import org.harmledger.domain.Victim;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.store.RecordQuery;

/**
 * A campaign's linked victims as list-overlap tables: each source that lists victims is a list,
 * each victim record (one person, after linkage) a capture history over the sources that name it.
 * Optionally split into strata by sex, age group, year of death or incident. Confidential victims
 * count like any other (only their numbers are used).
 */
public final class FromLedger {
  private FromLedger() {}

  public static final List<String> STRATA = List.of("sex", "age_group", "year", "incident");

  public static Map<String, ListTable> tables(LedgerService ledger, String campaign, Optional<String> stratify) {
    if (stratify.isPresent() && !STRATA.contains(stratify.get())) {
      throw new ValidationException(Problem.of("stratify", stratify.get(), "must be one of " + String.join(", ", STRATA)));
    }
    ledger.get(RecordType.CAMPAIGN, campaign);
    // Victims first: a campaign page asks on every view, and most campaigns have none, so the
    // campaign's incidents (100,000 records on a large ledger) are read only when there are some.
    List<Victim> victims = new ArrayList<>();
    for (StoredRecord s : ledger.listAll(RecordType.VICTIM, RecordQuery.live())) {
      Victim v = s.as(Victim.class);
      if (v.incident().isPresent() && !v.sources().isEmpty()) victims.add(v);
    }
    if (!victims.isEmpty()) {
      Set<String> incidents = new HashSet<>();
      for (StoredRecord s : ledger.listAll(RecordType.INCIDENT, RecordQuery.live().withCampaign(campaign))) incidents.add(s.id());
      victims.removeIf(v -> !incidents.contains(v.incident().get()));
    }
    if (victims.isEmpty()) throw new ValidationException(Problem.of("campaign", campaign, "has no victims with sources to estimate from; record victims with the lists (sources) that name them"));
    TreeSet<String> sources = new TreeSet<>();
    for (Victim v : victims) sources.addAll(v.sources());
    if (sources.size() < 2) throw new ValidationException(Problem.of("sources", String.join(",", sources), "the victims come from one list only; estimation needs at least 2 overlapping lists"));
    if (sources.size() > 15) throw new ValidationException(Problem.of("sources", sources.size(), "at most 15 lists; merge sources of the same list"));
    List<String> lists = new ArrayList<>(sources);
    Map<String, long[]> counts = new TreeMap<>();
    for (Victim v : victims) {
      int h = 0;
      for (String s : v.sources()) h |= 1 << lists.indexOf(s);
      String key = stratify.map(k -> stratum(v, k)).orElse("all");
      counts.computeIfAbsent(key, x -> new long[1 << lists.size()])[h]++;
    }
    Map<String, ListTable> out = new TreeMap<>();
    List<Problem> problems = new ArrayList<>();
    for (var e : counts.entrySet()) {
      try {
        out.put(e.getKey(), new ListTable(lists, e.getValue()));
      } catch (ValidationException x) {
        for (Problem p : x.problems()) problems.add(Problem.of("stratum " + e.getKey() + ": " + p.field(), p.value(), p.rule()));
      }
    }
    if (!problems.isEmpty()) throw new ValidationException(problems);
    return out;
  }

  private static String stratum(Victim v, String by) {
    return switch (by) {
      case "sex" -> v.sex().name().toLowerCase(Locale.ROOT);
      case "age_group" -> v.ageGroup().name().toLowerCase(Locale.ROOT);
      case "year" -> v.date().map(d -> Integer.toString(d.getYear())).orElse("unknown");
      default -> v.incident().orElse("none");
    };
  }

}
