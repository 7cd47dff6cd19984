package org.harmledger.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.harmledger.domain.IncidentMatch;
import org.harmledger.domain.MatchConfidence;
import org.harmledger.domain.Problem;
import org.harmledger.domain.ValidationException;
import org.harmledger.linkage.Evaluation;
import org.harmledger.linkage.Inputs;
import org.harmledger.linkage.Linker;
import org.harmledger.linkage.Settings;
import org.harmledger.linkage.VictimLinkage;
import org.harmledger.domain.RecordType;
import org.harmledger.io.Utf8;
import org.harmledger.ledger.Json;
import org.harmledger.ledger.StoredRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "link",
    mixinStandardHelpOptions = true,
    description = {
      "Find the records that are the same person (with --config, or --campaign for the ledger's victims), or link a record to incidents in the ledger (TYPE ID --incident).",
      "With --config: the same person within one list or across several (Fellegi-Sunter, parameters estimated without labels).",
      "Settings (JSON, see examples/linkage/README.md) name the id column, the comparisons and their levels, the blocking rules and the thresholds.",
      "Example: ./harmledger link --config examples/linkage/febrl3.json --input ../shared/data/linkage/febrl/dataset3.csv --clusters clusters.csv --evaluate",
      "Without --config or --campaign: link a case (adds) or a victim (sets) to incidents in the ledger: link case ID --incident INC --reason WHY",
      "  a case's match may say how sure it is: --confidence confirmed|probable|possible --basis WHAT [--matched-on DATE] (linking it again with another confidence re-assesses it; unlink takes it back)"
    })
final class LinkCommand extends Base implements java.util.concurrent.Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", description = "Ledger linking: case or victim.") String type;
  @Parameters(index = "1", arity = "0..1", description = "Ledger linking: its id.") String recordId;
  @Option(names = "--incident", description = "Ledger linking: incident id (repeat).") List<String> incidents;
  @Option(names = "--reason", description = "Ledger linking: why (kept in the ledger).") String reason;
  @Option(names = "--confidence", paramLabel = "LEVEL", description = "Ledger linking of a case: how sure the match is: confirmed (the belligerent named the incident, or nothing else fits), probable, possible (one of several candidates). Needs --basis.") MatchConfidence confidence;
  @Option(names = "--basis", description = "Ledger linking of a case: what the match rests on (\"same date and neighbourhood as the coalition's report\"). Needs --confidence.") String basis;
  @Option(names = "--matched-on", paramLabel = "DATE", description = "Ledger linking of a case: the day the case is known to concern the incident (the report that named it, or your finding). Default: the day it was first matched, or today. A tally as of an earlier day does not count the match. Needs --confidence.") java.time.LocalDate matchedOn;
  @Option(names = "--expect-version", description = "Ledger linking: the version your change is based on (show prints it); refused if someone has changed the record since.") Long expectVersion;
  @Option(names = "--config", paramLabel = "SETTINGS.json", description = "Record linkage: the settings file (with --campaign, default: the shipped examples/linkage/victims.json).") Path config;
  @Option(names = "--input", paramLabel = "FILE.csv", description = "Record linkage: a list to link (repeat for several lists).") List<Path> inputs;
  @Option(names = "--campaign", description = "Record linkage over the ledger's victims of this campaign instead of CSV files: columns id, name, name_latin, sex, age, age_group, date, incident, sources, place, cause.") String campaign;
  @Option(names = "--clusters", paramLabel = "OUT.csv", description = "Write record_id,cluster_id for every record (ids prefixed with the file name and ':' when there are several inputs).") Path clustersOut;
  @Option(names = "--pairs", paramLabel = "OUT.csv", description = "Write every pair scored at or above review_from, with each comparison's level and weight.") Path pairsOut;
  @Option(names = "--review", paramLabel = "OUT.csv", description = "Write the uncertain pairs (review_from ≤ probability < threshold) for clerical review.") Path reviewOut;
  @Option(names = "--evaluate", description = "Score the clusters against the truth the settings name (or --truth-pairs): pairwise and cluster precision, recall, F1, and how many true pairs blocking kept.") boolean evaluate;
  @Option(names = "--json", description = "Print the run's figures as JSON.") boolean json;
  @Option(names = "--labels", paramLabel = "LABELS.csv", description = "Pairs a person has decided (record_a,record_b,match with yes or no; ids as --clusters writes them): each is kept as decided, and the matches teach the model what a match looks like.") Path labels;
  @Option(names = "--truth-pairs", paramLabel = "TRUE.csv", description = "Evaluate (as --evaluate) against a CSV of true pairs (record_a,record_b; ids as --clusters writes them) instead of the settings' truth. A chain of pairs makes one person.") Path truthPairs;

  /** Linking a record to incidents writes to the ledger; record linkage only reads it. */
  @Override
  boolean writesLedger() {
    return ledgerLinking();
  }

  private boolean ledgerLinking() {
    return config == null && campaign == null && (inputs == null || inputs.isEmpty());
  }

  @Override
  public Integer call() throws Exception {
    if (ledgerLinking()) return linkToIncidents();
    if (truthPairs != null) evaluate = true;
    if (config == null && campaign == null) throw new ValidationException(Problem.of("--config", "", "is required for record linkage of CSV files: a settings file (examples in examples/linkage/)"));
    if ((inputs == null || inputs.isEmpty()) == (campaign == null)) throw new ValidationException(Problem.of("--input", "", "give one or more CSV files with --input, or --campaign ID for the ledger's victims"));
    Map<String, Path> outputs = new LinkedHashMap<>();
    outputs.put("--clusters", clustersOut);
    outputs.put("--pairs", pairsOut);
    outputs.put("--review", reviewOut);
    checkWritable(outputs);
    // the ledger's victims have settings of their own, shipped with Harm Ledger (examples/linkage/victims.json)
    Settings s = config == null ? VictimLinkage.defaultSettings() : readSettings();
    long t0 = System.nanoTime();
    List<Linker.Record> records = campaign != null ? VictimLinkage.records(ledger(), campaign) : Inputs.read(inputs, s.idColumn());
    if (records.isEmpty() && campaign != null) throw new ValidationException(Problem.of("--campaign", campaign, "has no victims to link"));
    double readSeconds = (System.nanoTime() - t0) / 1e9;
    if (campaign != null) inputs = List.of(Path.of("ledger"));
    Linker linker;
    Linker.Result r;
    // one bar for the whole run, named by the phase it is in (a million records spend ten seconds
    // preparing and as many blocking before the first pair is compared)
    try (Progress p = Progress.of("linking", -1, !json && records.size() >= 20_000)) {
      p.phase("preparing", 0);
      linker = new Linker(s, records, inputs.size());
      if (campaign != null) VictimLinkage.respectDecisions(ledger(), linker, records);
      if (labels != null) applyLabels(linker, records);
      r = linker.run(p);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>(r.stats());
    out.put("seconds", Math.round(seconds * 100) / 100.0);
    // where the time went, for anyone sizing a large run: reading first, then the linker's phases
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("reading", Math.round(readSeconds * 100) / 100.0);
    @SuppressWarnings("unchecked") Map<String, Double> linkerPhases = (Map<String, Double>) r.stats().get("phase_seconds");
    phases.putAll(linkerPhases);
    out.remove("phase_seconds"); // after the total, not where the linker put its own
    out.put("phase_seconds", phases);
    if (clustersOut != null) {
      try (BufferedWriter w = Files.newBufferedWriter(clustersOut, StandardCharsets.UTF_8); CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("record_id", "cluster_id").get())) {
        for (int i = 0; i < records.size(); i++) csv.printRecord(id(records, i), id(records, r.clusters()[i]));
      }
    }
    if (pairsOut != null) writePairs(pairsOut, s, records, r, linker, s.reviewFrom(), 1.01);
    if (reviewOut != null) writePairs(reviewOut, s, records, r, linker, s.reviewFrom(), s.threshold());
    if (evaluate) {
      String[] truth = truthPairs != null ? truthFromPairs(records) : Evaluation.truth(records, s.truth());
      Evaluation.Scores e = Evaluation.score(r.clusters(), truth);
      long kept = 0;
      for (long pair : r.candidates()) if (truth[(int) (pair >>> 32)].equals(truth[(int) pair])) kept++;
      out.put("precision", round(e.precision()));
      out.put("recall", round(e.recall()));
      out.put("f1", round(e.f1()));
      out.put("true_pairs", e.truePairs());
      out.put("true_pairs_kept_by_blocking", kept);
      out.put("blocking_recall", e.truePairs() == 0 ? 1.0 : round((double) kept / e.truePairs()));
      out.put("cluster_precision", round(e.clusterPrecision()));
      out.put("cluster_recall", round(e.clusterRecall()));
    }
    if (json) {
      // each comparison's m and u per level, in the settings' level order, then "else"
      Map<String, Object> params = new LinkedHashMap<>();
      for (Settings.Comparison c : s.comparisons()) {
        Map<String, Object> levels = new LinkedHashMap<>();
        double[] m = r.m().get(c.name());
        double[] u = r.u().get(c.name());
        for (int l = 0; l < m.length; l++) levels.put(l < c.levels().size() ? c.levels().get(l) : "else", Map.of("m", round(m[l]), "u", round(u[l])));
        params.put(c.name(), levels);
      }
      out.put("parameters", params);
      // as built: the linker's figures, then the phases in the order they ran, levels in the settings' order
      out().println(Json.prettyAsBuilt(out));
      return 0;
    }
    out().printf("%,d records, %,d candidate pairs, %,d clusters in %.2f s; %,d pairs linked, %,d for review%n", records.size(), (Integer) r.stats().get("candidate_pairs"), (Integer) r.stats().get("clusters"),
        seconds, (Long) r.stats().get("pairs_above_threshold"), (Long) r.stats().get("pairs_for_review"));
    out().println("time: " + String.join(", ", phases.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue())).toList()));
    for (var e : linker.unreadable().entrySet()) {
      Linker.Unreadable u = e.getValue();
      out().printf("note: %s: %,d value%s could not be read as %s (the first: record %s, \"%s\"); %s%n", e.getKey(), u.count(), u.count() == 1 ? "" : "s",
          u.expected(), id(records, u.first()), u.firstValue(), u.treatedAs());
    }
    if ((Long) r.stats().get("blocks_skipped_as_too_large") > 0) {
      out().printf("note: %,d blocks larger than max_block (%d) were skipped (%,d records); other rules still pair their records%n", (Long) r.stats().get("blocks_skipped_as_too_large"), s.maxBlock(), (Long) r.stats().get("records_in_skipped_blocks"));
    }
    if (evaluate) {
      out().printf("pairs: precision %s, recall %s, F1 %s; clusters: precision %s, recall %s; blocking kept %s of %,d true pairs (%s)%n", out.get("precision"), out.get("recall"), out.get("f1"),
          out.get("cluster_precision"), out.get("cluster_recall"), out.get("true_pairs_kept_by_blocking"), (Long) out.get("true_pairs"), out.get("blocking_recall"));
    }
    int labelled = (Integer) r.stats().get("labelled_matches");
    if (labelled > 0) out().printf("m learnt from %,d pairs decided to be the same person, with EM's estimate counted as %.0f more%n", labelled, Linker.EM_AS_LABELS);
    else if (records.size() < Linker.FEW_RECORDS) out().println("note: a list this small gives EM little to learn from; decide a few pairs (--labels, or decide in the ledger) and run again");
    out().println("weight of each level, per comparison (log2 m/u: + for the same person, - against; term frequencies adjust name levels pair by pair):");
    Map<String, List<String>> levelNames = new LinkedHashMap<>();
    for (var c : s.comparisons()) levelNames.put(c.name(), c.levels());
    for (var e : r.m().entrySet()) {
      double[] m = e.getValue();
      double[] u = r.u().get(e.getKey());
      List<String> names = levelNames.getOrDefault(e.getKey(), List.of());
      List<String> parts = new ArrayList<>();
      for (int l = 0; l < m.length; l++) {
        String level = l < names.size() ? names.get(l) : "else";
        // a level neither matches nor random pairs reached (every record has the same date) has no weight
        parts.add(m[l] == 0 && u[l] == 0 ? level + " (no pair)" : String.format(Locale.ROOT, "%s %+.1f", level, Math.log(m[l] / u[l]) / Math.log(2)));
      }
      out().printf("  %-16s %s%n", e.getKey(), String.join(" | ", parts));
    }
    return 0;
  }

  private Settings readSettings() throws Exception {
    String text;
    try {
      text = Utf8.decode(Files.readAllBytes(config), "--config " + config + ": line");
    } catch (NoSuchFileException e) {
      throw new ValidationException(Problem.of("--config", config.toString(), "does not exist"));
    }
    return Settings.parse(text);
  }

  private int linkToIncidents() {
    List<Problem> p = new ArrayList<>();
    if (type == null || recordId == null) p.add(Problem.of("link", "", "give either --config SETTINGS.json --input FILE.csv (record linkage) or TYPE ID --incident INC --reason WHY (ledger linking)"));
    if (incidents == null || incidents.isEmpty()) p.add(Problem.of("--incident", "", "is required: the incident(s) to link to"));
    if (reason == null || reason.isBlank()) p.add(Problem.of("--reason", "", "is required: why (kept in the ledger)"));
    if (confidence != null && (basis == null || basis.isBlank())) p.add(Problem.of("--basis", "", "is required with --confidence: what the match rests on"));
    if (confidence == null && basis != null) p.add(Problem.of("--confidence", "", "is required with --basis: confirmed, probable or possible"));
    if (confidence == null && matchedOn != null) p.add(Problem.of("--confidence", "", "is required with --matched-on: confirmed, probable or possible"));
    if (!p.isEmpty()) throw new ValidationException(p);
    Optional<IncidentMatch> match = confidence == null ? Optional.empty() : Optional.of(new IncidentMatch(confidence, basis, Optional.ofNullable(matchedOn)));
    StoredRecord s;
    try {
      s = ledger().link(RecordType.parse(type), recordId, incidents, match, version(expectVersion), meta(reason));
    } catch (ValidationException e) {
      throw byOption(e, f -> f.equals("confidence") ? "--confidence" : f.equals("basis") ? "--basis" : f.equals("on") ? "--matched-on" : f.startsWith("incidents") ? "--incident" : null);
    }
    // the match as stored: its day, when not given, is the service's
    Optional<IncidentMatch> stored = s.record() instanceof org.harmledger.domain.Case k ? k.match(incidents.get(0)) : Optional.empty();
    out().println(s.id() + " linked" + stored.map(m -> " (" + m.describe() + ")").orElse("") + " (version " + s.version() + ")");
    return 0;
  }

  /** A weight in bits with two decimals; one that rounds to zero is "0.00", not "-0.00". */
  static String weight(double w) {
    return String.format(Locale.ROOT, "%.2f", Math.abs(w) < 0.005 ? 0.0 : w);
  }

  private static double round(double x) {
    return Math.round(x * 10000) / 10000.0;
  }

  private String[] truthFromPairs(List<Linker.Record> records) throws Exception {
    List<String[]> rows = pairRows("--truth-pairs", truthPairs, List.of("record_a", "record_b"));
    return Evaluation.truthFromPairs(outputIds(records), rows, truthPairs.getFileName().toString());
  }

  /** The rows of a CSV of pairs, the named columns in order ("" where a row lacks one). */
  private static List<String[]> pairRows(String option, Path file, List<String> columns) throws Exception {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ValidationException(Problem.of(option, file.toString(), "does not exist"));
    }
    String text = Utf8.decode(bytes, option + " " + file + ": line");
    List<String[]> rows = new ArrayList<>();
    try (var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(new java.io.StringReader(text))) {
      if (!parser.getHeaderNames().containsAll(columns)) {
        throw new ValidationException(Problem.of(option, String.join(",", parser.getHeaderNames()), "needs the columns " + String.join(", ", columns)));
      }
      for (var rec : parser) {
        String[] row = new String[columns.size()];
        for (int c = 0; c < row.length; c++) row[c] = rec.isSet(columns.get(c)) ? rec.get(columns.get(c)) : "";
        rows.add(row);
      }
    } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
      throw new ValidationException(Problem.of(option, file.toString(), "cannot be read as CSV: " + e.getMessage()));
    }
    return rows;
  }

  private List<String> outputIds(List<Linker.Record> records) {
    List<String> ids = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) ids.add(id(records, i));
    return ids;
  }

  /** --labels: each row a decision the run keeps; every bad row is reported before any is used. */
  private void applyLabels(Linker linker, List<Linker.Record> records) throws Exception {
    List<String[]> rows = pairRows("--labels", labels, List.of("record_a", "record_b", "match"));
    String name = labels.getFileName().toString();
    List<Problem> problems = new ArrayList<>();
    int[][] pairs = Evaluation.resolvePairs(outputIds(records), rows, name, problems);
    Boolean[] match = new Boolean[rows.size()];
    for (int r = 0; r < rows.size(); r++) {
      String where = name + " row " + (r + 2);
      if (pairs[r] != null && pairs[r][0] == pairs[r][1]) {
        problems.add(Problem.of(where + ": record_b", rows.get(r)[1], "is the same record as record_a"));
      }
      match[r] = switch (rows.get(r)[2].toLowerCase(Locale.ROOT)) {
        case "yes", "y", "true", "1", "match" -> Boolean.TRUE;
        case "no", "n", "false", "0", "non-match", "non_match" -> Boolean.FALSE;
        default -> null;
      };
      if (match[r] == null) problems.add(Problem.of(where + ": match", rows.get(r)[2], "must be yes or no"));
    }
    if (!problems.isEmpty()) throw new ValidationException(problems);
    for (int r = 0; r < rows.size(); r++) linker.decide(pairs[r][0], pairs[r][1], match[r]);
  }

  private String id(List<Linker.Record> records, int i) {
    Linker.Record r = records.get(i);
    return inputs.size() > 1 ? inputs.get(r.input()).getFileName() + ":" + r.id() : r.id();
  }

  private void writePairs(Path file, Settings s, List<Linker.Record> records, Linker.Result r, Linker linker, double from, double below) throws Exception {
    List<String> header = new ArrayList<>(List.of("record_a", "record_b", "probability", "match_weight"));
    for (Settings.Comparison c : s.comparisons()) {
      header.add(c.name() + "_level");
      header.add(c.name() + "_weight");
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8); CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
      List<Linker.Pair> pairs = new ArrayList<>(r.pairs().stream().filter(p -> p.probability() >= from && p.probability() < below).toList());
      pairs.sort((x, y) -> Double.compare(y.probability(), x.probability()));
      for (Linker.Pair p : pairs) {
        List<Object> row = new ArrayList<>(List.of(id(records, p.a()), id(records, p.b()), String.format(Locale.ROOT, "%.6f", p.probability()), Double.isInfinite(p.weight()) ? "decided" : weight(p.weight())));
        Linker.Explanation why = linker.explain(p);
        for (int c = 0; c < s.comparisons().size(); c++) {
          int l = why.levels()[c];
          List<String> levels = s.comparisons().get(c).levels();
          row.add(l < 0 ? "missing" : l < levels.size() ? levels.get(l) : "else");
          row.add(weight(why.weights()[c]));
        }
        csv.printRecord(row);
      }
    }
  }

}
