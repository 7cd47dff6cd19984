package org.harmledger.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.harmledger.domain.LinkDecision;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Victim;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.service.LedgerService;
import org.harmledger.store.RecordQuery;

/**
 * Record linkage over a campaign's victims in the ledger: the records, the review decisions that
 * bind a run, and the settings a run uses unless told otherwise. The command line
 * ({@code link --campaign}) and the review page share it, so both link alike.
 */
public final class VictimLinkage {
  private VictimLinkage() {}

  /** The columns a victim offers to settings. */
  public static final List<String> COLUMNS = List.of("id", "name", "name_latin", "sex", "age", "age_group", "date", "incident", "sources", "place", "cause");

  /** A finished run: what was linked, the linker (to explain a pair) and its result. */
  public record Run(Settings settings, List<Linker.Record> records, Linker linker, Linker.Result result) {
    /** The level name (or "missing", "else") and weight of each comparison for a pair. */
    public List<Field> explain(Linker.Pair p) {
      Linker.Explanation why = linker.explain(p);
      List<Field> out = new ArrayList<>();
      for (int c = 0; c < settings.comparisons().size(); c++) {
        Settings.Comparison comp = settings.comparisons().get(c);
        int l = why.levels()[c];
        String level = l < 0 ? "missing" : l < comp.levels().size() ? comp.levels().get(l) : "else";
        out.add(new Field(comp.name(), comp.columns(), level, why.weights()[c]));
      }
      return out;
    }
  }

  /** One comparison's part in a pair's score. */
  public record Field(String comparison, List<String> columns, String level, double weight) {}

  /**
   * The settings shipped with Harm Ledger for victims (examples/linkage/victims.json, copied into
   * this module at build time so that there is one file).
   */
  public static Settings defaultSettings() {
    try (InputStream in = VictimLinkage.class.getResourceAsStream("victims.json")) {
      if (in == null) throw new IllegalStateException("victims.json is missing from the linkage module (a build problem)");
      return Settings.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A campaign's live victims as records, oldest first. Confidential ones are included (linkage needs them;
   * callers decide what to show). Unknown sex, age group and cause are left blank, not "unknown", so that
   * two records that both lack them do not agree on them.
   */
  public static List<Linker.Record> records(LedgerService ledger, String campaign) {
    ledger.get(RecordType.CAMPAIGN, campaign); // names the campaign if it does not exist
    // in the order they were recorded, not by id: a cluster is named after its first record, and
    // a victim added later (vic-49) must not rename the cluster of one recorded before it (vic-5);
    // the store lists them so already, and this keeps it so whatever store is behind the service
    List<StoredRecord> victims = new ArrayList<>(ledger.listAll(RecordType.VICTIM, RecordQuery.live()));
    if (victims.isEmpty()) return List.of(); // without reading the campaign's incidents (100,000 on the benchmark ledger)
    victims.sort(java.util.Comparator.comparingLong(StoredRecord::createdSeq));
    Set<String> incidents = new HashSet<>();
    for (StoredRecord i : ledger.listAll(RecordType.INCIDENT, RecordQuery.live().withCampaign(campaign))) incidents.add(i.id());
    Map<String, Integer> columns = new LinkedHashMap<>();
    for (String c : COLUMNS) columns.put(c, columns.size());
    List<Linker.Record> out = new ArrayList<>();
    for (StoredRecord st : victims) {
      Victim v = st.as(Victim.class);
      if (v.incident().isEmpty() || !incidents.contains(v.incident().get())) continue;
      String[] values = {v.id(), v.nameOriginal().or(v::nameLatin).orElse(null), v.nameLatin().orElse(null),
          v.sex() == Victim.Sex.UNKNOWN ? null : v.sex().name().toLowerCase(Locale.ROOT), v.age().map(String::valueOf).orElse(null),
          v.ageGroup() == Victim.AgeGroup.UNKNOWN ? null : v.ageGroup().name().toLowerCase(Locale.ROOT), v.date().map(Object::toString).orElse(null),
          v.incident().orElse(null), String.join(";", v.sources()), v.place().orElse(null),
          v.cause().filter(c -> c != org.harmledger.domain.StrikeType.UNKNOWN).map(c -> c.name().toLowerCase(Locale.ROOT)).orElse(null)};
      out.add(new Linker.Record(0, v.id(), values, columns));
    }
    return out;
  }

  /** The live review decisions about two of these records, each binding the linker; returns how many. */
  public static int respectDecisions(LedgerService ledger, Linker linker, List<Linker.Record> records) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < records.size(); i++) index.put(records.get(i).id(), i);
    int n = 0;
    for (StoredRecord st : ledger.listAll(RecordType.LINK_DECISION, RecordQuery.live())) {
      LinkDecision d = st.as(LinkDecision.class);
      Integer a = index.get(d.victimA());
      Integer b = index.get(d.victimB());
      if (a != null && b != null) {
        linker.decide(a, b, d.decision() == LinkDecision.Decision.MATCH);
        n++;
      }
    }
    return n;
  }

  /** Links these victims (from {@link #records}), respecting every live decision. */
  public static Run run(LedgerService ledger, List<Linker.Record> records, Settings settings, LongConsumer progress) {
    Linker linker = new Linker(settings, records, 1);
    respectDecisions(ledger, linker, records);
    return new Run(settings, records, linker, linker.run(progress));
  }

  /** Each record's person: the id of the first record of its cluster (victim id → person id). */
  public static Map<String, String> personOf(Run run) {
    Map<String, String> out = new LinkedHashMap<>();
    int[] cluster = run.result().clusters();
    for (int i = 0; i < run.records().size(); i++) out.put(run.records().get(i).id(), run.records().get(cluster[i]).id());
    return out;
  }

  /**
   * Who is who among a campaign's victims, by the shipped settings and every review decision:
   * victim id → person id (the person's first record). Empty when the campaign has no victims.
   */
  public static Map<String, String> persons(LedgerService ledger, String campaign) {
    List<Linker.Record> records = records(ledger, campaign);
    if (records.size() < 2) {
      Map<String, String> alone = new LinkedHashMap<>();
      for (Linker.Record r : records) alone.put(r.id(), r.id());
      return alone;
    }
    return personOf(run(ledger, records, defaultSettings(), x -> {}));
  }
}
