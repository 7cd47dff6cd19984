package org.harmledger.server.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.harmledger.domain.LinkDecision;
import org.harmledger.domain.RecordType;
import org.harmledger.domain.Victim;
import org.harmledger.ledger.StoredRecord;
import org.harmledger.linkage.Linker;
import org.harmledger.linkage.VictimLinkage;
import org.harmledger.service.LedgerService;
import org.harmledger.store.RecordQuery;

/**
 * What the victims' review page shows for a campaign: the pairs record linkage is unsure of (to
 * decide), the pairs it linked (to check), and the decisions already made. A pair that involves a
 * confidential victim is counted but not shown: the pages have no login, so confidential records
 * are decided from the command line ({@code link --campaign ID --review FILE}, then {@code decide}).
 */
public record VictimReview(
    String campaign,
    int victims,
    int persons,
    List<PairView> toDecide,
    int toDecideTotal,
    List<PairView> linked,
    int linkedTotal,
    List<DecisionView> decisions,
    int confidentialPairs,
    double reviewFrom,
    double threshold,
    Map<String, String> personOf) {

  /** At most this many pairs of each kind are listed (the most likely first); the rest are counted. */
  static final int SHOWN = 100;

  /** Whether EM has little to learn from this many records (the note {@code link} prints too). */
  public boolean small() {
    return victims < Linker.FEW_RECORDS;
  }

  /** Two victim records and why linkage scored them as it did. */
  public record PairView(Victim a, Victim b, double probability, double weight, boolean decided, List<FieldView> fields) {
    /** An anchor for the pair, so that a decision can return the reader to where they were. */
    public String anchor() {
      return "pair-" + a.id() + "-" + b.id();
    }

    /** The model's prior, in bits: the pair's weight less what its comparisons gave. */
    public double prior() {
      double w = weight;
      for (FieldView f : fields) w -= f.weight();
      return w;
    }
  }

  /** One comparison: each record's value, the level they agreed at, and its weight in bits. */
  public record FieldView(String comparison, String valueA, String valueB, String level, double weight) {}

  /** A decision in the ledger about two of this campaign's victims. */
  public record DecisionView(StoredRecord stored, LinkDecision decision, Victim a, Victim b) {}

  /** The queue for the API: pairs by victim id, weights in bits, the most likely first. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("campaign", campaign);
    m.put("victims", victims);
    m.put("persons", persons);
    m.put("review_from", reviewFrom);
    m.put("threshold", threshold);
    m.put("to_decide_total", toDecideTotal);
    m.put("to_decide", toDecide.stream().map(VictimReview::pairJson).toList());
    m.put("linked_total", linkedTotal);
    m.put("linked", linked.stream().map(VictimReview::pairJson).toList());
    m.put("confidential_pairs_not_listed", confidentialPairs);
    m.put("decisions", decisions.stream().map(d -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("id", d.stored().id());
      x.put("victim_a", d.decision().victimA());
      x.put("victim_b", d.decision().victimB());
      x.put("decision", d.decision().decision().name().toLowerCase(java.util.Locale.ROOT));
      d.decision().note().ifPresent(n -> x.put("note", n));
      return x;
    }).toList());
    return m;
  }

  private static Map<String, Object> pairJson(PairView p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("victim_a", p.a().id());
    m.put("victim_b", p.b().id());
    m.put("probability", Math.round(p.probability() * 1e6) / 1e6);
    m.put("decided", p.decided());
    if (!p.decided()) {
      m.put("match_weight", Math.round(p.weight() * 100) / 100.0);
      m.put("prior", Math.round(p.prior() * 100) / 100.0);
      m.put("comparisons", p.fields().stream().map(f -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", f.comparison());
        x.put("a", f.valueA());
        x.put("b", f.valueB());
        x.put("level", f.level());
        x.put("weight", Math.round(f.weight() * 100) / 100.0);
        return x;
      }).toList());
    }
    return m;
  }

  /** A weight in bits, signed, with a true minus sign; a weight that rounds to zero is shown unsigned. */
  public static String bits(double w) {
    if (Math.abs(w) < 0.005) return "0.00";
    return (w > 0 ? "+" : "−") + String.format(java.util.Locale.ROOT, "%.2f", Math.abs(w));
  }

  /** A victim's name as the page shows it: as written, with the Latin form beside it when both are kept. */
  public static String name(Victim v) {
    String original = v.nameOriginal().orElse("");
    String latin = v.nameLatin().orElse("");
    if (original.isEmpty()) return latin.isEmpty() ? "unnamed (" + v.id() + ")" : latin;
    return latin.isEmpty() || latin.equals(original) ? original : original + " (" + latin + ")";
  }

  /** Runs linkage over the campaign's victims with the shipped settings, respecting every decision. */
  public static VictimReview of(LedgerService ledger, String campaign) {
    List<Linker.Record> records = VictimLinkage.records(ledger, campaign);
    Map<String, Victim> byId = new HashMap<>();
    for (StoredRecord s : ledger.listAll(RecordType.VICTIM, RecordQuery.live())) byId.put(s.id(), s.as(Victim.class));
    List<DecisionView> decisions = new ArrayList<>();
    Set<String> ours = new HashSet<>();
    for (Linker.Record r : records) ours.add(r.id());
    for (StoredRecord s : ledger.listAll(RecordType.LINK_DECISION, RecordQuery.live())) {
      LinkDecision d = s.as(LinkDecision.class);
      if (!ours.contains(d.victimA()) || !ours.contains(d.victimB())) continue;
      Victim a = byId.get(d.victimA());
      Victim b = byId.get(d.victimB());
      if (a.confidential() || b.confidential()) continue;
      decisions.add(new DecisionView(s, d, a, b));
    }
    var settings = VictimLinkage.defaultSettings();
    if (records.size() < 2) {
      Map<String, String> alone = new LinkedHashMap<>();
      for (Linker.Record r : records) alone.put(r.id(), r.id());
      return new VictimReview(campaign, records.size(), records.size(), List.of(), 0, List.of(), 0, decisions, 0, settings.reviewFrom(), settings.threshold(), alone);
    }
    VictimLinkage.Run run = VictimLinkage.run(ledger, records, settings, x -> {});
    Linker.Result result = run.result();
    Set<Integer> persons = new HashSet<>();
    for (int c : result.clusters()) persons.add(c);
    List<Linker.Pair> uncertain = new ArrayList<>();
    List<Linker.Pair> sure = new ArrayList<>();
    int confidential = 0;
    for (Linker.Pair p : result.pairs()) {
      if (p.probability() < settings.reviewFrom()) continue;
      Victim a = byId.get(records.get(p.a()).id());
      Victim b = byId.get(records.get(p.b()).id());
      if (a.confidential() || b.confidential()) {
        confidential++;
        continue;
      }
      (p.probability() >= settings.threshold() ? sure : uncertain).add(p);
    }
    Comparator<Linker.Pair> likelyFirst = Comparator.comparingDouble(Linker.Pair::probability).reversed().thenComparingInt(Linker.Pair::a).thenComparingInt(Linker.Pair::b);
    uncertain.sort(likelyFirst);
    sure.sort(likelyFirst);
    return new VictimReview(campaign, records.size(), persons.size(), views(run, uncertain, byId), uncertain.size(), views(run, sure, byId), sure.size(), decisions, confidential,
        settings.reviewFrom(), settings.threshold(), VictimLinkage.personOf(run));
  }

  private static List<PairView> views(VictimLinkage.Run run, List<Linker.Pair> pairs, Map<String, Victim> byId) {
    List<PairView> out = new ArrayList<>();
    for (Linker.Pair p : pairs.subList(0, Math.min(SHOWN, pairs.size()))) {
      Linker.Record ra = run.records().get(p.a());
      Linker.Record rb = run.records().get(p.b());
      boolean decided = Double.isInfinite(p.weight());
      List<FieldView> fields = new ArrayList<>();
      if (!decided) {
        for (VictimLinkage.Field f : run.explain(p)) {
          fields.add(new FieldView(f.comparison(), values(ra, f.columns()), values(rb, f.columns()), f.level(), f.weight()));
        }
      }
      out.add(new PairView(byId.get(ra.id()), byId.get(rb.id()), p.probability(), p.weight(), decided, fields));
    }
    return out;
  }

  private static String values(Linker.Record r, List<String> columns) {
    List<String> parts = new ArrayList<>();
    for (String c : columns) {
      String v = r.field(c);
      if (v != null && !v.isBlank()) parts.add(v);
    }
    return String.join(" / ", parts);
  }
}
