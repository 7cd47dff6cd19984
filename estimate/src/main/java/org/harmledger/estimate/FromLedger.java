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
import org.harmledger.linkage.VictimLinkage;
import org.harmledger.service.LedgerService;
import org.harmledger.store.RecordQuery;

/**
 * A campaign's linked victims as list-overlap tables: each source that lists victims is a list,
 * each person a capture history over the sources that name any of their records. Which records
 * are one person is record linkage's answer over the campaign's victims (the shipped settings and
 * every review decision, {@link VictimLinkage}): a hospital list and an NGO list that each name
 * the same man, one in Arabic and one in Latin letters, are one capture in both lists, not two
 * people in one list each. Optionally split into strata by sex, age group, year of death or
 * incident. Confidential victims count like any other (only their numbers are used).
 */
public final class FromLedger {
  private FromLedger() {}

  public static final List<String> STRATA = List.of("sex", "age_group", "year", "incident");

  public static Map<String, ListTable> tables(LedgerService ledger, String campaign, Optional<String> stratify) {
    return tables(ledger, campaign, stratify, null);
  }

  /**
   * As above, with who is who already worked out ({@code personOf}: victim id → person id, as
   * {@link VictimLinkage#persons} gives; null to link here). A victim it does not name is a person
   * of their own.
   */
  public static Map<String, ListTable> tables(LedgerService ledger, String campaign, Optional<String> stratify, Map<String, String> personOf) {
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
    // one capture history per person: the records linkage joins are one person named by each of
    // their records' sources; a stratum is the first of their records (oldest first) that gives it
    Map<String, String> who = personOf != null ? personOf : VictimLinkage.persons(ledger, campaign);
    Map<String, List<Victim>> persons = new java.util.LinkedHashMap<>();
    for (Victim v : victims) persons.computeIfAbsent(who.getOrDefault(v.id(), v.id()), k -> new ArrayList<>()).add(v);
    TreeSet<String> sources = new TreeSet<>();
    for (Victim v : victims) sources.addAll(v.sources());
    if (sources.size() < 2) throw new ValidationException(Problem.of("sources", String.join(",", sources), "the victims come from one list only; estimation needs at least 2 overlapping lists"));
    if (sources.size() > 15) throw new ValidationException(Problem.of("sources", sources.size(), "at most 15 lists; merge sources of the same list"));
    List<String> lists = new ArrayList<>(sources);
    Map<String, long[]> counts = new TreeMap<>();
    for (List<Victim> person : persons.values()) {
      int h = 0;
      for (Victim v : person) for (String s : v.sources()) h |= 1 << lists.indexOf(s);
      String key = stratify.map(k -> stratum(person, k)).orElse("all");
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

  private static String stratum(List<Victim> person, String by) {
    String unknown = by.equals("incident") ? "none" : "unknown"; // what stratum(v, by) says when it cannot tell
    for (Victim v : person) {
      String s = stratum(v, by);
      if (!s.equals(unknown)) return s;
    }
    return unknown;
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
